-- Singular test: what the customer paid must equal items + delivery fee - discount.
select order_id, items_total, delivery_fee, discount, total
from {{ ref('stg_orders') }}
where total <> items_total + delivery_fee - discount
