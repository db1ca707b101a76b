package dev.dataeng.p07.topics;

/** The chapter's topic names. */
public final class Topics {
    /** Impressions and clicks from the ad server, Avro, keyed by campaign id. */
    public static final String AD_EVENTS = "ad-events";
    /** Records the consumer could not load, with the reason in headers. */
    public static final String DEAD_LETTERS = "ad-events-dlq";
    /** Campaign versions keyed by campaign id; compacted: the last version per campaign is kept. */
    public static final String CAMPAIGNS = "campaigns";
    /** The schema registry's storage (compacted), as Confluent's registry keeps it. */
    public static final String SCHEMAS = "_schemas";

    private Topics() {
    }
}
