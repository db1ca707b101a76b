package dev.dataeng.p03;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.fooddelivery.FoodDeliveryGenerator;
import dev.dataeng.common.fooddelivery.Restaurant;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p03.query.QueryCatalog;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The snowflake variant of the restaurant dimension holds the same facts about restaurants as the star's. */
class SnowflakeTest {
    static BuiltWarehouse w;

    @BeforeAll
    static void build() {
        w = BuiltWarehouse.get();
    }

    @Test
    @Checklist(id = "E10", points = 1)
    @DisplayName("snowflaked restaurant dimension: cuisine and city normalised out, same answers as the star")
    void snowflakeAnswersLikeTheStar() throws Exception {
        assertThat(H2.scalar(w.url(), "SELECT COUNT(*) FROM dim_cuisine WHERE cuisine_key <> -1"))
                .as("dim_cuisine rows: each cuisine once").isEqualTo(FoodDeliveryGenerator.CUISINES.size());
        var rows = H2.rows(w.url(), "SELECT r.restaurant_id, c.cuisine_name, l.city_name FROM dim_restaurant_sf r "
                + "JOIN dim_cuisine c ON c.cuisine_key = r.cuisine_key "
                + "JOIN dim_location l ON l.location_key = r.location_key WHERE r.restaurant_key <> -1");
        assertThat(rows).as("dim_restaurant_sf rows (one per restaurant)").hasSize((int) w.config().restaurantCount());
        for (Map<String, Object> row : rows) {
            Restaurant r = w.generator().restaurant(((Number) row.get("RESTAURANT_ID")).longValue());
            assertThat(row.get("CUISINE_NAME")).as("cuisine of restaurant %d via dim_cuisine", r.restaurantId())
                    .isEqualTo(r.cuisine());
            assertThat(row.get("CITY_NAME")).as("city of restaurant %d via dim_location", r.restaurantId())
                    .isEqualTo(FoodDeliveryGenerator.CITIES.get(r.cityId() - 1).name());
        }
        assertThat(H2.scalar(w.url(), "SELECT COUNT(*) FROM dim_restaurant_sf s JOIN dim_restaurant d "
                + "ON d.restaurant_key = s.restaurant_key WHERE d.restaurant_id <> s.restaurant_id"))
                .as("snowflake rows whose key means another restaurant in the star (keys are shared)").isZero();
        try (Connection c = H2.connect(w.url())) {
            assertThat(QueryCatalog.run(c, "top_restaurants_per_cuisine_snowflake").rows())
                    .as("top restaurants per cuisine on the snowflake vs on the star")
                    .isEqualTo(QueryCatalog.run(c, "top_restaurants_per_cuisine").rows());
        }
    }
}
