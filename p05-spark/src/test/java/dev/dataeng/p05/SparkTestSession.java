package dev.dataeng.p05;

import dev.dataeng.p05.session.Sessions;
import dev.dataeng.p05.session.SparkSettings;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One SparkSession (local[2], UI off, 4 shuffle partitions) per test class. */
public abstract class SparkTestSession {
    protected static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = Sessions.create("p05-tests", SparkSettings.forTests());
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
    }
}
