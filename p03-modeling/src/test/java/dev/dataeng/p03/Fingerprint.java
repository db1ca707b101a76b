package dev.dataeng.p03;

import dev.dataeng.common.testkit.H2;
import dev.dataeng.p03.warehouse.Warehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every row of every model table, in key order: two equal fingerprints mean the same warehouse contents. */
final class Fingerprint {
    private Fingerprint() {
    }

    static Map<String, List<String>> of(String url) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : Warehouse.MODEL_TABLES) {
            tables.put(table, H2.rows(url, "SELECT * FROM " + table + " ORDER BY 1, 2").stream()
                    .map(Object::toString).toList());
        }
        return tables;
    }
}
