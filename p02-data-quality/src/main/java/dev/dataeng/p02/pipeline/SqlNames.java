package dev.dataeng.p02.pipeline;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Column names from the contracts and {@code checks.yaml} as SQL writes them: quoted, so that a column called
 * {@code order}, {@code year}, {@code value} or {@code key} is a name and not a keyword, and in the case the database
 * gives unquoted names ({@link DatabaseMetaData}: upper case on H2, lower case on PostgreSQL), so that
 * {@code "ORDER_ID"} on H2 is the column a hand-typed {@code order_id} finds.
 *
 * @param upper the database stores unquoted names in upper case (H2)
 * @param lower the database stores unquoted names in lower case (PostgreSQL)
 */
public record SqlNames(boolean upper, boolean lower) {
    /** The rule of the database behind {@code c}. */
    public static SqlNames of(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        return new SqlNames(meta.storesUpperCaseIdentifiers(), meta.storesLowerCaseIdentifiers());
    }

    /** {@code order} → {@code "ORDER"} on H2, {@code "order"} on PostgreSQL. */
    public String quote(String name) {
        String stored = upper ? name.toUpperCase(Locale.ROOT) : lower ? name.toLowerCase(Locale.ROOT) : name;
        return "\"" + stored.replace("\"", "\"\"") + "\"";
    }

    /** Each name quoted, joined by {@code ", "}. */
    public String list(List<String> names) {
        return names.stream().map(this::quote).collect(Collectors.joining(", "));
    }
}
