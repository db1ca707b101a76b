-- Repeat-customer rate per month and over the whole period ('ALL'): among customers with at least one DELIVERED
-- order in the period, the share with two or more.
-- Customers are counted by their durable key (dim_customer.customer_id), not by customer_key: a customer who moved
-- city has two versions, and counting versions would split one repeat customer into two one-time customers.
-- BEGIN SOLUTION step 8
WITH per_customer_month AS (
    SELECT d.year_month AS period, c.customer_id, COUNT(*) AS orders
    FROM fact_order f
    JOIN dim_date d ON d.date_key = f.date_key
    JOIN dim_customer c ON c.customer_key = f.customer_key
    WHERE f.status = 'DELIVERED' AND c.customer_id IS NOT NULL
    GROUP BY d.year_month, c.customer_id
), per_customer_all AS (
    SELECT 'ALL' AS period, c.customer_id, COUNT(*) AS orders
    FROM fact_order f
    JOIN dim_customer c ON c.customer_key = f.customer_key
    WHERE f.status = 'DELIVERED' AND c.customer_id IS NOT NULL
    GROUP BY c.customer_id
), per_customer AS (
    SELECT * FROM per_customer_month UNION ALL SELECT * FROM per_customer_all
)
SELECT period,
       COUNT(*) AS customers,
       SUM(CASE WHEN orders >= 2 THEN 1 ELSE 0 END) AS repeat_customers,
       ROUND(CAST(SUM(CASE WHEN orders >= 2 THEN 1 ELSE 0 END) AS DECIMAL(12, 6)) / COUNT(*), 4) AS repeat_rate
FROM per_customer
GROUP BY period
ORDER BY period
-- END SOLUTION
