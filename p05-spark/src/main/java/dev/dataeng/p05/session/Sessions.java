package dev.dataeng.p05.session;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every command and test uses, with settings that behave on a laptop and on a cluster. */
public final class Sessions {
    private Sessions() {
    }

    public static SparkSession create(String appName, SparkSettings settings) {
        // SparkConf reads spark.* system properties: under spark-submit the master comes from there and wins.
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster(settings.master());
        }
        boolean local = conf.get("spark.master").startsWith("local");
        conf.setAppName(appName)
                .set("spark.ui.enabled", Boolean.toString(settings.uiEnabled()))
                .set("spark.sql.shuffle.partitions", Integer.toString(settings.shufflePartitions()))
                .set("spark.sql.session.timeZone", "UTC")
                // java.time.Instant / LocalDate in Rows instead of java.sql.Timestamp / Date
                .set("spark.sql.datetime.java8API.enabled", "true")
                // an overwrite replaces only the date partitions the job writes: re-running a day is idempotent
                .set("spark.sql.sources.partitionOverwriteMode", "dynamic");
        if (local) {
            // a laptop on a VPN or without DNS for its own hostname: keep the driver on loopback
            conf.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
