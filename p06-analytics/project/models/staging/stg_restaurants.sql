select
    cast(restaurant_id as bigint)                 as restaurant_id,
    trim(name)                                    as restaurant_name,
    cast(city_id as integer)                      as city_id,
    trim(cuisine)                                 as cuisine,
    cast(rating as decimal(2, 1))                 as rating,
    cast(cost_for_two as integer)                 as cost_for_two,
    cast(veg_only as boolean)                     as veg_only,
    cast(opened_on as date)                       as opened_on,
    cast(updated_at as timestamp with time zone)  as updated_at
from {{ source('raw', 'restaurants') }}
