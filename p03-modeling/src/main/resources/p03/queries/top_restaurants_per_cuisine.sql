-- The three restaurants with the highest GMV (DELIVERED orders) in each cuisine, with their share of the cuisine's
-- GMV. Ties on GMV go to the lower restaurant_id, so the answer is deterministic.
-- Window functions: ROW_NUMBER() ranks inside each cuisine, SUM() OVER gives the cuisine total on every row.
-- BEGIN SOLUTION step 8
WITH per_restaurant AS (
    SELECT r.cuisine, r.restaurant_id, r.restaurant_name, r.city_name, COUNT(*) AS orders, SUM(f.total) AS gmv
    FROM fact_order f
    JOIN dim_restaurant r ON r.restaurant_key = f.restaurant_key
    WHERE f.status = 'DELIVERED'
    GROUP BY r.cuisine, r.restaurant_id, r.restaurant_name, r.city_name
), ranked AS (
    SELECT p.*,
           ROW_NUMBER() OVER (PARTITION BY cuisine ORDER BY gmv DESC, restaurant_id) AS rank_in_cuisine,
           ROUND(100 * gmv / SUM(gmv) OVER (PARTITION BY cuisine), 2) AS share_of_cuisine_pct
    FROM per_restaurant p
)
SELECT cuisine, rank_in_cuisine, restaurant_id, restaurant_name, city_name, orders, gmv, share_of_cuisine_pct
FROM ranked
WHERE rank_in_cuisine <= 3
ORDER BY cuisine, rank_in_cuisine
-- END SOLUTION
