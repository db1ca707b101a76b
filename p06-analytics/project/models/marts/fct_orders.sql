{{ config(materialized='incremental', unique_key='order_id',
          indexes=[{'columns': ['order_id']}, {'columns': ['customer_id']}]) }}

-- One row per order with its lines counted and its delivery attached. Incremental: after the first build, a run
-- only reads orders placed after the newest one already in the table ({{ this }} is this model's own table).
with orders as (
    select * from {{ ref('stg_orders') }}
    {% if is_incremental() %}
    where ordered_at > (select max(ordered_at) from {{ this }})
    {% endif %}
),

items as (
    select order_id, count(*) as item_lines, sum(quantity) as item_quantity
    from {{ ref('stg_order_items') }}
    group by order_id
),

deliveries as (
    select * from {{ ref('stg_deliveries') }}
)

select
    o.order_id,
    o.customer_id,
    o.restaurant_id,
    o.ordered_at,
    o.order_date,
    o.status,
    o.payment_method,
    o.items_total,
    o.delivery_fee,
    o.discount,
    o.total,
    coalesce(i.item_lines, 0)    as item_lines,
    coalesce(i.item_quantity, 0) as item_quantity,
    d.rider_id,
    d.picked_up_at,
    d.delivered_at,
    d.distance_km
from orders o
left join items i on i.order_id = o.order_id
left join deliveries d on d.order_id = o.order_id
