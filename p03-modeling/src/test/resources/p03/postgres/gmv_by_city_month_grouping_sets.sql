-- gmv_by_city_month the way PostgreSQL (and Snowflake, BigQuery, SQL Server…) write it: one GROUP BY with
-- GROUPING SETS instead of the UNION ALL that H2 2.5 needs. GROUPING(a, b) is a bit mask of the columns rolled up
-- in a row (1 = b rolled up, 2 = a, 3 = both): it tells a subtotal's NULL from a real NULL, and names the level.
-- Same rows, same order as queries/gmv_by_city_month.sql (PostgreSQL 15, checked by PostgresPortabilityTest).
SELECT CASE GROUPING(l.city_name, d.year_month)
            WHEN 0 THEN 'city_month' WHEN 1 THEN 'city' WHEN 2 THEN 'month' ELSE 'total' END AS grouping_level,
       l.city_name, d.year_month, COUNT(*) AS orders, SUM(f.total) AS gmv
FROM fact_order f
JOIN dim_location l ON l.location_key = f.location_key
JOIN dim_date d ON d.date_key = f.date_key
WHERE f.status = 'DELIVERED'
GROUP BY GROUPING SETS ((l.city_name, d.year_month), (l.city_name), (d.year_month), ())
ORDER BY l.city_name NULLS LAST, d.year_month NULLS LAST
