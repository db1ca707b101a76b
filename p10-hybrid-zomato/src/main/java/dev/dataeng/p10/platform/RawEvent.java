package dev.dataeng.p10.platform;

/**
 * One record of {@link Topics#AD_EVENTS} as Flink reads it and the lake stores it (a Flink POJO and, by reflection,
 * the Avro schema of the lake files). {@code kafka_partition}/{@code kafka_offset} say where it was read, so a
 * record written twice into the lake is visible as such.
 */
public class RawEvent {
    public String event_id;
    public String type;
    public String campaign_id;
    public String user_id;
    public String impression_id;
    public long event_time;
    public long accepted_at;
    public boolean billable;
    public int kafka_partition;
    public long kafka_offset;

    public RawEvent() {
    }

    @Override
    public String toString() {
        return event_id + "@" + kafka_partition + "/" + kafka_offset;
    }
}
