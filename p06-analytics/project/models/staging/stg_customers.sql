select
    cast(customer_id as bigint)                   as customer_id,
    trim(name)                                    as customer_name,
    lower(trim(email))                            as email,
    phone,
    cast(city_id as integer)                      as city_id,
    cast(signup_date as date)                     as signup_date,
    cast(updated_at as timestamp with time zone)  as updated_at
from {{ source('raw', 'customers') }}
