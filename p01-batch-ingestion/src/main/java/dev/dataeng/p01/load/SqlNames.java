package dev.dataeng.p01.load;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Quotes the names a schema gives (tables, columns) for the SQL the loader builds, so a column called {@code year},
 * {@code value}, {@code key} or {@code order} is a name and not a keyword. One rule for every statement: the name
 * is quoted in the case the database gives unquoted names (H2: upper case, PostgreSQL: lower case, read from the
 * driver's {@link DatabaseMetaData}). So {@code "YEAR"} on H2 is the same column as an unquoted {@code year} in
 * a query a person types, and tables created before names were quoted are found again.
 */
public final class SqlNames {

    private enum Fold { UPPER, LOWER, NONE }

    /** Standard SQL (and H2's default): unquoted names are stored in upper case. */
    public static final SqlNames STANDARD = new SqlNames("\"", Fold.UPPER);

    private final String quote;
    private final Fold fold;

    private SqlNames(String quote, Fold fold) {
        this.quote = quote;
        this.fold = fold;
    }

    /** The quoting rule of the database behind this connection. */
    public static SqlNames of(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String q = meta.getIdentifierQuoteString();
        Fold fold = meta.storesUpperCaseIdentifiers() ? Fold.UPPER
                : meta.storesLowerCaseIdentifiers() ? Fold.LOWER : Fold.NONE;
        return new SqlNames(q == null || q.isBlank() ? "\"" : q, fold);
    }

    /** {@code year} → {@code "YEAR"} on H2, {@code "year"} on PostgreSQL; a quote inside the name is doubled. */
    public String quote(String name) {
        String folded = switch (fold) {
            case UPPER -> name.toUpperCase(Locale.ROOT);
            case LOWER -> name.toLowerCase(Locale.ROOT);
            case NONE -> name;
        };
        return quote + folded.replace(quote, quote + quote) + quote;
    }
}
