package dev.dataeng.p08.model;

/** The queries of the chapter, by the name the CLI takes. */
public enum Query {
    TUMBLING("tumbling"), SLIDING("sliding"), JOIN("join");

    private final String cliName;

    Query(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Output topic of an engine's run of this query, e.g. {@code p08.flink.tumbling}. */
    public String topic(String engine) {
        return "p08." + engine + "." + cliName;
    }
}
