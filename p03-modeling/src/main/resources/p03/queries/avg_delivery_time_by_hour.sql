-- Average delivery time (order placed -> delivered at the door, in minutes) by hour of day (UTC) of the order,
-- over every order that was delivered (including those refunded afterwards), with each hour's rank from slowest.
-- BEGIN SOLUTION step 8
SELECT EXTRACT(HOUR FROM f.ordered_at) AS order_hour,
       COUNT(*) AS delivered_orders,
       ROUND(AVG(CAST(f.delivery_seconds AS DECIMAL(12, 2))) / 60, 2) AS avg_delivery_minutes,
       RANK() OVER (ORDER BY AVG(CAST(f.delivery_seconds AS DECIMAL(12, 2))) DESC) AS slowest_rank
FROM fact_order f
WHERE f.delivery_seconds IS NOT NULL
GROUP BY EXTRACT(HOUR FROM f.ordered_at)
ORDER BY order_hour
-- END SOLUTION
