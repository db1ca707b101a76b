package dev.dataeng.p05.generate;

import java.nio.file.Path;

/** Where the generated input lives: {@code <root>/orders/order_date=YYYY-MM-DD/*.parquet}, restaurants, cities. */
public record InputTables(Path root) {

    public String orders() {
        return root.resolve("orders").toString();
    }

    public String restaurants() {
        return root.resolve("restaurants").toString();
    }

    public String cities() {
        return root.resolve("cities").toString();
    }
}
