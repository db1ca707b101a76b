package dev.dataeng.p02.silver;

/** The type a silver column is stored as, and the SQL type that holds it. */
public enum SilverType {
    TEXT("VARCHAR(1000)"), INTEGER("BIGINT"), DECIMAL("DECIMAL(12,2)"), BOOLEAN("BOOLEAN"), DATE("DATE"),
    TIMESTAMP("TIMESTAMP");

    private final String sql;

    SilverType(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }
}
