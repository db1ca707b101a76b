package dev.dataeng.p03.warehouse;

import dev.dataeng.p03.source.DayBatch;
import dev.dataeng.common.db.DbCredentials;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The star schema behind one JDBC URL: creates it, and loads one day at a time in a single transaction
 * (staging, dimensions, facts, late-arriving re-pointing, snowflake refresh, load log), so a failed day leaves
 * nothing half-loaded and a re-run of a day leaves the model as it was.
 */
public final class Warehouse {
    /** The star and snowflake tables a user queries (staging and the load log excluded). */
    public static final String[] MODEL_TABLES = {"dim_date", "dim_location", "dim_restaurant", "dim_customer",
            "dim_cuisine", "dim_restaurant_sf", "fact_order", "fact_order_item"};

    private final String jdbcUrl;

    public Warehouse(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Connection connect() throws SQLException {
        DbCredentials credentials = DbCredentials.resolve(jdbcUrl, System.getProperty("p03.user"),
                System.getProperty("p03.password"));
        return DriverManager.getConnection(jdbcUrl, credentials.user(), credentials.password());
    }

    /** Creates the tables if missing and the unknown members (-1). Safe to call before every load. */
    public void createSchema() throws SQLException {
        try (Connection c = connect()) {
            for (String statement : Sql.resource("p03/schema.sql").split("(?m)^;\\s*$")) {
                if (!statement.strip().isEmpty()) {
                    Sql.update(c, statement);
                }
            }
            Sql.update(c, """
                    INSERT INTO dim_location (location_key, city_id, city_name, state, tier)
                    SELECT -1, NULL, 'Unknown', 'Unknown', 0 FROM (VALUES (1)) v(x)
                    WHERE NOT EXISTS (SELECT 1 FROM dim_location WHERE location_key = -1)""");
            Sql.update(c, """
                    INSERT INTO dim_restaurant (restaurant_key, restaurant_id, restaurant_name, cuisine, city_id,
                                                city_name, state, tier)
                    SELECT -1, NULL, 'Unknown restaurant', 'Unknown', NULL, 'Unknown', 'Unknown', 0
                    FROM (VALUES (1)) v(x)
                    WHERE NOT EXISTS (SELECT 1 FROM dim_restaurant WHERE restaurant_key = -1)""");
            Sql.update(c, """
                    INSERT INTO dim_customer (customer_key, customer_id, customer_name, city_id, city_name, state,
                                              valid_from, valid_to, is_current)
                    SELECT -1, NULL, 'Unknown customer', NULL, 'Unknown', 'Unknown',
                           TIMESTAMP '1900-01-01 00:00:00', TIMESTAMP '9999-12-31 00:00:00', TRUE
                    FROM (VALUES (1)) v(x)
                    WHERE NOT EXISTS (SELECT 1 FROM dim_customer WHERE customer_key = -1)""");
            Sql.update(c, """
                    INSERT INTO dim_cuisine (cuisine_key, cuisine_name)
                    SELECT -1, 'Unknown' FROM (VALUES (1)) v(x)
                    WHERE NOT EXISTS (SELECT 1 FROM dim_cuisine WHERE cuisine_key = -1)""");
            Sql.update(c, """
                    INSERT INTO dim_restaurant_sf (restaurant_key, restaurant_id, restaurant_name, cuisine_key,
                                                   location_key)
                    SELECT -1, NULL, 'Unknown restaurant', -1, -1 FROM (VALUES (1)) v(x)
                    WHERE NOT EXISTS (SELECT 1 FROM dim_restaurant_sf WHERE restaurant_key = -1)""");
        }
    }

    /** Loads one day's batch (incremental, idempotent) on a connection of its own. */
    public LoadResult loadDay(DayBatch batch) throws SQLException {
        try (Connection c = connect()) {
            return loadDay(c, batch);
        }
    }

    /**
     * Loads one day's batch in one transaction on {@code c}. Keep one connection for a run of days: an embedded
     * file database closes (and compacts) when its last connection closes.
     */
    public LoadResult loadDay(Connection c, DayBatch batch) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            LoadResult result = loadInTransaction(c, batch);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static LoadResult loadInTransaction(Connection c, DayBatch batch) throws SQLException {
        java.util.SortedSet<Integer> years = new java.util.TreeSet<>();
        years.add(batch.day().getYear());
        batch.orders().forEach(b -> years.add(Staging.utc(b.order().orderedAt()).getYear()));
        for (int year : years) {
            DateDimension.ensureYear(c, year);
        }
        Staging.replace(c, batch);
        DimensionLoader.loadLocations(c);
        DimensionLoader.loadRestaurants(c);
        int newVersions = DimensionLoader.loadCustomersScd2(c);
        FactLoader.loadOrders(c);
        FactLoader.loadOrderItems(c);
        int repointed = FactLoader.repointLateCustomers(c);
        SnowflakeLoader.refresh(c);

        int staged = (int) Sql.scalar(c, "SELECT COUNT(*) FROM stg_order");
        int inFact = (int) Sql.scalar(c,
                "SELECT COUNT(*) FROM fact_order f WHERE f.order_id IN (SELECT order_id FROM stg_order)");
        if (staged != inFact) {
            throw new IllegalStateException("day " + batch.day() + ": " + staged + " orders staged but " + inFact
                    + " in fact_order; an inner join dropped rows (is every order date in dim_date?)");
        }
        int unknown = (int) Sql.scalar(c, "SELECT COUNT(*) FROM fact_order f WHERE f.customer_key = -1 "
                + "AND f.order_id IN (SELECT order_id FROM stg_order)");
        LoadResult result = new LoadResult(batch.day(), staged, inFact, batch.customers().size(), newVersions,
                unknown, repointed);
        Sql.update(c, "DELETE FROM etl_load_log WHERE load_date = DATE '" + batch.day() + "'");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO etl_load_log VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, result.day());
            ps.setInt(2, result.ordersStaged());
            ps.setInt(3, result.ordersInFact());
            ps.setInt(4, result.customersStaged());
            ps.setInt(5, result.newCustomerVersions());
            ps.setInt(6, result.factsWithUnknownCustomer());
            ps.setInt(7, result.factsRepointed());
            ps.executeUpdate();
        }
        return result;
    }
}
