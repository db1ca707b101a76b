package dev.dataeng.p06.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.testkit.H2;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded: {@link Warehouse#kind} and {@link Warehouse#columns} look a relation up by its exact name, although
 * the JDBC metadata calls take patterns in which {@code _} matches any one character.
 */
class WarehouseMetadataTest {
    @TempDir
    Path tmp;

    @Test
    void namesWithUnderscoresAreNotPatterns() throws SQLException {
        try (Warehouse w = Warehouse.connect(H2.fileUrl(tmp, "meta"), "sa", "")) {
            w.createSchema("analytics");
            w.execute("create table analytics.fctXorders (other_column int, amount int)");
            w.execute("create view analytics.dimXuser as select 1 as one");
            assertThat(w.kind("analytics.fct_orders")).as("fct_orders does not exist; fctXorders does").isEmpty();
            assertThat(w.columns("analytics.fct_orders")).isEmpty();
            w.execute("create table analytics.fct_orders (order_id int)");
            w.execute("create table analytics.dim_user (user_id int)");
            assertThat(w.columns("analytics.fct_orders").keySet()).containsExactly("order_id");
            assertThat(w.kind("analytics.dim_user")).contains(Warehouse.Kind.TABLE);
            assertThat(w.kind("analytics.dimXuser")).contains(Warehouse.Kind.VIEW);
            assertThat(List.copyOf(w.columns("analytics.fctXorders").keySet()))
                    .containsExactly("other_column", "amount");
        }
    }
}
