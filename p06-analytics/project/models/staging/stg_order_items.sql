-- A table with an index, not a view: fct_orders joins it on order_id, and H2 has no hash join, so a view
-- here would be scanned once per order (dbt-postgres reads the same indexes config).
{{ config(materialized='table', indexes=[{'columns': ['order_id']}]) }}

select
    cast(order_id as bigint)                                      as order_id,
    cast(line_no as integer)                                      as line_no,
    trim(item_name)                                               as item_name,
    cast(quantity as integer)                                     as quantity,
    cast(unit_price as decimal(12, 2))                            as unit_price,
    cast(quantity as integer) * cast(unit_price as decimal(12, 2)) as line_total
from {{ source('raw', 'order_items') }}
