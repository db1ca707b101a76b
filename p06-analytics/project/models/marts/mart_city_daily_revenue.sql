-- Revenue per city and day. Which orders count is a project variable: {{ var('revenue_status') }} renders as a
-- quoted SQL literal (never as raw SQL), whatever --vars holds.
select
    r.city_name,
    o.order_date,
    count(*)     as orders,
    sum(o.total) as revenue
from {{ ref('fct_orders') }} o
join {{ ref('dim_restaurants') }} r on r.restaurant_id = o.restaurant_id
where o.status = {{ var('revenue_status') }}
group by r.city_name, o.order_date
