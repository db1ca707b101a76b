package dev.dataeng.p06.compile;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How the tool writes a name into SQL: always quoted, so that a model, table or column called {@code order},
 * {@code year}, {@code value}, {@code key} or {@code user} is a name and not a keyword. The name is quoted in the
 * case the database gives unquoted names (H2: upper case, PostgreSQL: lower case, read from the driver's
 * {@link DatabaseMetaData}), so {@code "ANALYTICS"."FCT_ORDERS"} on H2 is the same table as the
 * {@code analytics.fct_orders} a person types, and relations built before names were quoted are found again.
 * A relation is written {@code "schema"."name"}; {@link #parts} reads one back.
 */
public final class SqlNames {

    private enum Fold { UPPER, LOWER, NONE }

    /** Standard SQL (and H2's default): unquoted names are stored in upper case. */
    public static final SqlNames STANDARD = new SqlNames(Fold.UPPER);

    private final Fold fold;

    private SqlNames(Fold fold) {
        this.fold = fold;
    }

    /** The rule of the database these metadata describe. */
    public static SqlNames of(DatabaseMetaData meta) throws SQLException {
        return new SqlNames(meta.storesUpperCaseIdentifiers() ? Fold.UPPER
                : meta.storesLowerCaseIdentifiers() ? Fold.LOWER : Fold.NONE);
    }

    /** {@code year} → {@code "YEAR"} on H2, {@code "year"} on PostgreSQL; a quote inside the name is doubled. */
    public String quote(String name) {
        return "\"" + stored(name).replace("\"", "\"\"") + "\"";
    }

    /** The name as the database stores it when it is written unquoted. */
    public String stored(String name) {
        return switch (fold) {
            case UPPER -> name.toUpperCase(Locale.ROOT);
            case LOWER -> name.toLowerCase(Locale.ROOT);
            case NONE -> name;
        };
    }

    /** {@code "schema"."name"}. */
    public String relation(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** The relation {@code relation} with {@code suffix} added to its name: {@code "S"."N"} → {@code "S"."N__DBT_TMP"}. */
    public String suffixed(String relation, String suffix) {
        String[] parts = parts(relation);
        return quote(parts[0]) + "." + quote(parts[1] + suffix);
    }

    /** The quoted name part of a relation, without its schema (what {@code alter table … rename to} takes). */
    public String name(String relation) {
        return quote(parts(relation)[1]);
    }

    /**
     * Schema and name of a relation as the database stores them: quoted parts as written, unquoted parts in the
     * database's case ({@code analytics.fct_orders} and {@code "ANALYTICS"."FCT_ORDERS"} are the same on H2).
     */
    public String[] parts(String relation) {
        String[] out = new String[2];
        int at = 0;
        for (int i = 0; i < 2; i++) {
            StringBuilder part = new StringBuilder();
            if (at < relation.length() && relation.charAt(at) == '"') {
                at++;
                while (at < relation.length()) {
                    char c = relation.charAt(at++);
                    if (c == '"' && at < relation.length() && relation.charAt(at) == '"') {
                        part.append('"');
                        at++;
                    } else if (c == '"') {
                        break;
                    } else {
                        part.append(c);
                    }
                }
                out[i] = part.toString();
            } else {
                int dot = relation.indexOf('.', at);
                int end = i == 0 && dot >= 0 ? dot : relation.length();
                out[i] = stored(relation.substring(at, end));
                at = end;
            }
            if (i == 0) {
                if (at >= relation.length() || relation.charAt(at) != '.') {
                    throw new IllegalArgumentException("not a schema-qualified relation: " + relation);
                }
                at++;
            }
        }
        return out;
    }
}
