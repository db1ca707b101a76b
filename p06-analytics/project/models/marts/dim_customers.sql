with orders as (
    select
        customer_id,
        min(order_date) as first_order_date,
        max(order_date) as last_order_date,
        count(*)        as number_of_orders,
        sum(case when status = 'DELIVERED' then total else 0 end) as lifetime_value
    from {{ ref('fct_orders') }}
    group by customer_id
)

select
    c.customer_id,
    c.customer_name,
    c.email,
    c.city_id,
    ci.city_name,
    c.signup_date,
    o.first_order_date,
    o.last_order_date,
    coalesce(o.number_of_orders, 0) as number_of_orders,
    coalesce(o.lifetime_value, 0)   as lifetime_value
from {{ ref('stg_customers') }} c
left join {{ ref('stg_cities') }} ci on ci.city_id = c.city_id
left join orders o on o.customer_id = c.customer_id
