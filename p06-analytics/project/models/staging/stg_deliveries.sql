-- A table with an index, not a view: fct_orders joins it on order_id, and H2 has no hash join, so a view
-- here would be scanned once per order (dbt-postgres reads the same indexes config).
{{ config(materialized='table', indexes=[{'columns': ['order_id']}]) }}

select
    cast(order_id as bigint)                        as order_id,
    cast(rider_id as bigint)                        as rider_id,
    cast(picked_up_at as timestamp with time zone)  as picked_up_at,
    cast(delivered_at as timestamp with time zone)  as delivered_at,
    cast(distance_km as decimal(6, 2))              as distance_km
from {{ source('raw', 'deliveries') }}
