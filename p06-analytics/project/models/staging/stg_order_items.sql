select
    cast(order_id as bigint)                                      as order_id,
    cast(line_no as integer)                                      as line_no,
    trim(item_name)                                               as item_name,
    cast(quantity as integer)                                     as quantity,
    cast(unit_price as decimal(12, 2))                            as unit_price,
    cast(quantity as integer) * cast(unit_price as decimal(12, 2)) as line_total
from {{ source('raw', 'order_items') }}
