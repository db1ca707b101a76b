package dev.dataeng.p10.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka record → {@link RawEvent}. The gateway validated every event, so a record that does not parse is a bug
 * upstream: it is kept (type {@code UNDECODABLE}, the lake stores it, the speed layer bills nothing for it), never
 * dropped and never a reason for the job to crash-loop.
 */
public final class RawEventDeserializer implements KafkaRecordDeserializationSchema<RawEvent> {
    private static final long serialVersionUID = 1L;
    private transient ObjectMapper mapper;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out) throws IOException {
        if (mapper == null) {
            mapper = new ObjectMapper();
        }
        RawEvent e = new RawEvent();
        e.kafka_partition = record.partition();
        e.kafka_offset = record.offset();
        e.event_time = record.timestamp();
        e.billable = true;
        try {
            JsonNode n = mapper.readTree(record.value());
            e.event_id = n.get("event_id").asText();
            e.type = n.get("type").asText();
            e.campaign_id = n.get("campaign_id").asText();
            e.user_id = n.get("user_id").asText();
            e.impression_id = n.get("impression_id").asText();
            e.event_time = n.get("event_time").asLong();
            e.accepted_at = n.has("accepted_at") ? n.get("accepted_at").asLong() : record.timestamp();
            e.billable = !n.has("billable") || n.get("billable").asBoolean();
        } catch (Exception bad) {
            e.event_id = "undecodable-" + record.partition() + "-" + record.offset();
            e.type = "UNDECODABLE";
            e.campaign_id = "";
            e.user_id = "";
            e.impression_id = "";
            e.billable = false;
        }
        out.collect(e);
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return TypeInformation.of(RawEvent.class);
    }
}
