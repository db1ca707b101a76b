-- Customers who moved city: every change of city in dim_customer's history (LAG over the versions of one customer),
-- with the orders they placed before and after the move. Because each fact points at the version valid when the
-- order was placed, "before" and "after" are just the facts of the old and the new version.
-- BEGIN SOLUTION step 8
WITH versions AS (
    SELECT c.customer_key, c.customer_id, c.customer_name, c.city_name, c.valid_from,
           LAG(c.city_name) OVER (PARTITION BY c.customer_id ORDER BY c.valid_from) AS previous_city,
           LAG(c.customer_key) OVER (PARTITION BY c.customer_id ORDER BY c.valid_from) AS previous_key
    FROM dim_customer c
    WHERE c.customer_id IS NOT NULL
)
SELECT v.customer_id, v.customer_name, v.previous_city AS from_city, v.city_name AS to_city, v.valid_from AS moved_at,
       (SELECT COUNT(*) FROM fact_order f WHERE f.customer_key = v.previous_key) AS orders_before_move,
       (SELECT COUNT(*) FROM fact_order f WHERE f.customer_key = v.customer_key) AS orders_after_move
FROM versions v
WHERE v.previous_key IS NOT NULL
ORDER BY moved_at, customer_id
-- END SOLUTION
