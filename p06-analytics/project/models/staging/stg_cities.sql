select
    cast(city_id as integer) as city_id,
    trim(name)               as city_name,
    trim(state)              as state,
    cast(tier as integer)    as tier
from {{ source('raw', 'cities') }}
