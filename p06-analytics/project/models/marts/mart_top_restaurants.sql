-- Restaurants rated at least var('min_rating'), ranked by delivered revenue.
with revenue as (
    select restaurant_id, count(*) as delivered_orders, sum(total) as revenue
    from {{ ref('fct_orders') }}
    where status = 'DELIVERED'
    group by restaurant_id
)

select
    r.restaurant_id,
    r.restaurant_name,
    r.city_name,
    r.rating,
    coalesce(v.delivered_orders, 0) as delivered_orders,
    coalesce(v.revenue, 0)          as revenue,
    rank() over (order by coalesce(v.revenue, 0) desc) as revenue_rank
from {{ ref('dim_restaurants') }} r
left join revenue v on v.restaurant_id = r.restaurant_id
where r.rating >= {{ var('min_rating') }}
