-- GMV by city and month, with subtotals per city, per month and a grand total.
-- GMV = sum of order totals of DELIVERED orders (cancelled orders were never charged, refunded ones were paid back).
-- City = where the restaurant is (fact_order.location_key).
--
-- In PostgreSQL, Snowflake or BigQuery this is one GROUP BY:
--   GROUP BY GROUPING SETS ((l.city_name, d.year_month), (l.city_name), (d.year_month), ())
-- with GROUPING(l.city_name) telling a subtotal's NULL from a real NULL. H2 2.5 has no GROUPING SETS, so the
-- four grouping sets are written out as a UNION ALL (the rewrite engines do internally), labelled by grouping_level.
-- BEGIN SOLUTION step 8
WITH delivered AS (
    SELECT l.city_name, d.year_month, f.total
    FROM fact_order f
    JOIN dim_location l ON l.location_key = f.location_key
    JOIN dim_date d ON d.date_key = f.date_key
    WHERE f.status = 'DELIVERED'
)
SELECT 'city_month' AS grouping_level, city_name, year_month, COUNT(*) AS orders, SUM(total) AS gmv
FROM delivered GROUP BY city_name, year_month
UNION ALL
SELECT 'city', city_name, NULL, COUNT(*), SUM(total) FROM delivered GROUP BY city_name
UNION ALL
SELECT 'month', NULL, year_month, COUNT(*), SUM(total) FROM delivered GROUP BY year_month
UNION ALL
SELECT 'total', NULL, NULL, COUNT(*), SUM(total) FROM delivered
ORDER BY city_name NULLS LAST, year_month NULLS LAST
-- END SOLUTION
