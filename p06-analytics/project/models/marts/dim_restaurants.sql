select
    r.restaurant_id,
    r.restaurant_name,
    r.cuisine,
    r.rating,
    r.cost_for_two,
    r.veg_only,
    r.city_id,
    c.city_name,
    c.tier as city_tier
from {{ ref('stg_restaurants') }} r
left join {{ ref('stg_cities') }} c on c.city_id = r.city_id
