package dev.dataeng.p03.query;

import dev.dataeng.p03.warehouse.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The analytical questions, one named SQL file each under {@code src/main/resources/p03/queries/}. */
public final class QueryCatalog {
    public static final List<String> NAMES = List.of("gmv_by_city_month", "top_restaurants_per_cuisine",
            "top_restaurants_per_cuisine_snowflake", "repeat_customer_rate", "cohort_retention",
            "avg_delivery_time_by_hour", "customers_who_moved");

    private QueryCatalog() {
    }

    public static String sql(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown query '" + name + "'; known: " + String.join(", ", NAMES));
        }
        return Sql.resource("p03/queries/" + name + ".sql");
    }

    public static QueryResult run(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql(name))) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return new QueryResult(name, List.copyOf(columns), rows);
        }
    }
}
