-- Monthly cohort retention. A customer's cohort is the month of their first DELIVERED order in the warehouse;
-- for each cohort and each month after it, how many of the cohort ordered again, and what share that is.
-- (The warehouse holds the loaded period only: a customer's "first order" is their first order in it.)
-- Window functions: MIN() OVER finds each customer's first month, FIRST_VALUE() OVER the cohort's size.
-- BEGIN SOLUTION step 8
WITH activity AS (
    SELECT DISTINCT c.customer_id, d.year_month, d.calendar_year * 12 + d.month_number AS month_index
    FROM fact_order f
    JOIN dim_date d ON d.date_key = f.date_key
    JOIN dim_customer c ON c.customer_key = f.customer_key
    WHERE f.status = 'DELIVERED' AND c.customer_id IS NOT NULL
), with_cohort AS (
    SELECT customer_id,
           MIN(year_month) OVER (PARTITION BY customer_id) AS cohort_month,
           month_index - MIN(month_index) OVER (PARTITION BY customer_id) AS months_since_first
    FROM activity
), counts AS (
    SELECT cohort_month, months_since_first, COUNT(*) AS active_customers
    FROM with_cohort
    GROUP BY cohort_month, months_since_first
)
SELECT cohort_month, months_since_first, active_customers,
       FIRST_VALUE(active_customers) OVER (PARTITION BY cohort_month ORDER BY months_since_first) AS cohort_size,
       ROUND(CAST(active_customers AS DECIMAL(12, 6))
             / FIRST_VALUE(active_customers) OVER (PARTITION BY cohort_month ORDER BY months_since_first), 4)
           AS retention
FROM counts
ORDER BY cohort_month, months_since_first
-- END SOLUTION
