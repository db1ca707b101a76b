package dev.dataeng.p03.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/** Loads the dimensions from staging: locations and restaurants as type 1 (overwrite), customers as type 2. */
final class DimensionLoader {
    private DimensionLoader() {
    }

    static void loadLocations(Connection c) throws SQLException {
        Sql.update(c, """
                MERGE INTO dim_location d
                USING stg_city s ON (d.city_id = s.city_id)
                WHEN MATCHED THEN UPDATE SET city_name = s.city_name, state = s.state, tier = s.tier
                WHEN NOT MATCHED THEN INSERT (city_id, city_name, state, tier)
                     VALUES (s.city_id, s.city_name, s.state, s.tier)""");
    }

    /** Type 1: a restaurant's attributes are overwritten in place; history of ratings is not kept. */
    static void loadRestaurants(Connection c) throws SQLException {
        Sql.update(c, """
                MERGE INTO dim_restaurant d
                USING (SELECT r.*, l.city_name, l.state, l.tier
                       FROM stg_restaurant r JOIN dim_location l ON l.city_id = r.city_id) s
                ON (d.restaurant_id = s.restaurant_id)
                WHEN MATCHED THEN UPDATE SET restaurant_name = s.restaurant_name, cuisine = s.cuisine,
                     city_id = s.city_id, city_name = s.city_name, state = s.state, tier = s.tier,
                     rating = s.rating, cost_for_two = s.cost_for_two, veg_only = s.veg_only, opened_on = s.opened_on
                WHEN NOT MATCHED THEN INSERT (restaurant_id, restaurant_name, cuisine, city_id, city_name, state,
                     tier, rating, cost_for_two, veg_only, opened_on)
                     VALUES (s.restaurant_id, s.restaurant_name, s.cuisine, s.city_id, s.city_name, s.state,
                     s.tier, s.rating, s.cost_for_two, s.veg_only, s.opened_on)""");
    }

    /**
     * Slowly changing dimension type 2 on the customer's city (the source versions a customer only when it moves,
     * so a newer version is a new city). Staging holds one or more versions per customer (a
     * snapshot: the latest; a change feed: every version so far), each with the source's change time
     * {@code updated_at}. A staged version newer than every version the dimension holds for that customer is new
     * history: the current version is closed at the first such change ({@code valid_to}, {@code is_current} false),
     * and each new version is inserted valid from its change time until the next staged change (the last one is
     * current). A customer never seen gets all its staged versions, chained. Returns the number of versions
     * inserted. Running it again on the same staging, or on an older day's, inserts and changes nothing.
     */
    static int loadCustomersScd2(Connection c) throws SQLException {
        // BEGIN SOLUTION step 5: SCD2: close the current version at the first newer staged change; insert each newer staged version valid until the next one (LEAD), the last one current; a re-run inserts nothing
        Sql.update(c, """
                UPDATE dim_customer d
                SET valid_to = (SELECT MIN(s.updated_at) FROM stg_customer s
                                WHERE s.customer_id = d.customer_id AND s.updated_at > d.valid_from),
                    is_current = FALSE
                WHERE d.is_current
                  AND EXISTS (SELECT 1 FROM stg_customer s
                              WHERE s.customer_id = d.customer_id AND s.updated_at > d.valid_from)""");
        return Sql.update(c, """
                INSERT INTO dim_customer (customer_id, customer_name, email, phone, signup_date, city_id, city_name,
                                          state, valid_from, valid_to, is_current)
                SELECT v.customer_id, v.customer_name, v.email, v.phone, v.signup_date, v.city_id, l.city_name,
                       l.state, v.updated_at, v.next_change, v.next_change = TIMESTAMP '9999-12-31 00:00:00'
                FROM (SELECT s.*, LEAD(s.updated_at, 1, TIMESTAMP '9999-12-31 00:00:00')
                                      OVER (PARTITION BY s.customer_id ORDER BY s.updated_at) AS next_change
                      FROM stg_customer s) v
                JOIN dim_location l ON l.city_id = v.city_id
                WHERE NOT EXISTS (SELECT 1 FROM dim_customer d
                                  WHERE d.customer_id = v.customer_id AND d.valid_from >= v.updated_at)""");
        // END SOLUTION
    }
}
