-- The same question as top_restaurants_per_cuisine, asked of the snowflake variant of the restaurant dimension:
-- two more joins (dim_cuisine, dim_location) to get back the attributes the star keeps on dim_restaurant.
-- BEGIN SOLUTION step 7
WITH per_restaurant AS (
    SELECT c.cuisine_name AS cuisine, r.restaurant_id, r.restaurant_name, l.city_name,
           COUNT(*) AS orders, SUM(f.total) AS gmv
    FROM fact_order f
    JOIN dim_restaurant_sf r ON r.restaurant_key = f.restaurant_key
    JOIN dim_cuisine c ON c.cuisine_key = r.cuisine_key
    JOIN dim_location l ON l.location_key = r.location_key
    WHERE f.status = 'DELIVERED'
    GROUP BY c.cuisine_name, r.restaurant_id, r.restaurant_name, l.city_name
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
