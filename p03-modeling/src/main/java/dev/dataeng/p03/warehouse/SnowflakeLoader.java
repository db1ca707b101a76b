package dev.dataeng.p03.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The snowflake variant of the restaurant dimension: {@code dim_restaurant_sf} keeps only the restaurant's own
 * attributes and points at {@code dim_cuisine} and {@code dim_location}. It shares its surrogate keys with
 * {@code dim_restaurant}, so the same fact table serves both shapes.
 */
final class SnowflakeLoader {
    private SnowflakeLoader() {
    }

    static void refresh(Connection c) throws SQLException {
        // BEGIN SOLUTION step 7: the new cuisines into dim_cuisine, then MERGE dim_restaurant_sf on restaurant_key with cuisine_key and location_key (not the unknown member -1)
        Sql.update(c, """
                INSERT INTO dim_cuisine (cuisine_name)
                SELECT DISTINCT r.cuisine FROM dim_restaurant r
                WHERE r.restaurant_key <> -1
                  AND NOT EXISTS (SELECT 1 FROM dim_cuisine c WHERE c.cuisine_name = r.cuisine)""");
        Sql.update(c, """
                MERGE INTO dim_restaurant_sf d
                USING (SELECT r.restaurant_key, r.restaurant_id, r.restaurant_name, c.cuisine_key, l.location_key,
                              r.rating, r.cost_for_two, r.veg_only, r.opened_on
                       FROM dim_restaurant r
                       JOIN dim_cuisine c ON c.cuisine_name = r.cuisine
                       JOIN dim_location l ON l.city_id = r.city_id
                       WHERE r.restaurant_key <> -1) s
                ON (d.restaurant_key = s.restaurant_key)
                WHEN MATCHED THEN UPDATE SET restaurant_name = s.restaurant_name, cuisine_key = s.cuisine_key,
                     location_key = s.location_key, rating = s.rating, cost_for_two = s.cost_for_two,
                     veg_only = s.veg_only, opened_on = s.opened_on
                WHEN NOT MATCHED THEN INSERT (restaurant_key, restaurant_id, restaurant_name, cuisine_key,
                     location_key, rating, cost_for_two, veg_only, opened_on)
                     VALUES (s.restaurant_key, s.restaurant_id, s.restaurant_name, s.cuisine_key, s.location_key,
                     s.rating, s.cost_for_two, s.veg_only, s.opened_on)""");
        // END SOLUTION
    }
}
