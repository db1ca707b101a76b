package dev.dataeng.p05.generate;

/**
 * Where the generated input lives: {@code <root>/orders/order_date=YYYY-MM-DD/*.parquet}, restaurants, cities.
 * {@code root} is a Hadoop path string, so it can be local, {@code hdfs://…} or {@code s3a://…}.
 */
public record InputTables(String root) {

    public String orders() {
        return root + "/orders";
    }

    public String restaurants() {
        return root + "/restaurants";
    }

    public String cities() {
        return root + "/cities";
    }
}
