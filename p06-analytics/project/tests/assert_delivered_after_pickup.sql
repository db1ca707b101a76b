-- Singular test: a query returning the rows that break a rule. A delivery cannot end before it starts.
select order_id, picked_up_at, delivered_at
from {{ ref('stg_deliveries') }}
where delivered_at < picked_up_at
