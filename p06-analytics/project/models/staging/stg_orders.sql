-- Staging: one model per source table; cast, rename, normalise codes. No joins, no business logic.
-- A table with an index on its key rather than a view: fct_orders and the tests look orders up by order_id, and H2
-- has no hash join (see stg_order_items.sql).
{{ config(materialized='table', indexes=[{'columns': ['order_id']}]) }}

select
    cast(order_id as bigint)                      as order_id,
    cast(customer_id as bigint)                   as customer_id,
    cast(restaurant_id as bigint)                 as restaurant_id,
    cast(ordered_at as timestamp with time zone)  as ordered_at,
    cast(substring(ordered_at, 1, 10) as date)    as order_date,
    upper(trim(status))                           as status,
    upper(trim(payment_method))                   as payment_method,
    cast(items_total as decimal(12, 2))           as items_total,
    cast(delivery_fee as decimal(12, 2))          as delivery_fee,
    cast(discount as decimal(12, 2))              as discount,
    cast(total as decimal(12, 2))                 as total,
    cast(updated_at as timestamp with time zone)  as updated_at
from {{ source('raw', 'orders') }}
