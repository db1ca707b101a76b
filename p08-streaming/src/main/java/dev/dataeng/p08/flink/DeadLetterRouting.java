package dev.dataeng.p08.flink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.p08.model.DeadLetters;
import dev.dataeng.p08.model.MinuteSpend;
import dev.dataeng.p08.model.StreamRules;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Undecodable input in Flink: the source keeps every Kafka record (bytes, headers, where it came from) and tries to
 * decode it; a process function sends the events on and the rest to a <em>side output</em>, which a second sink
 * writes to {@code <input topic>-dlq}. Shown with query 1: {@link #defineMinuteSpend}.
 */
public final class DeadLetterRouting {
    /** The side output of records that are no event. */
    public static final OutputTag<RawRecord> DEAD_LETTERS = new OutputTag<>("dead-letters",
            TypeInformation.of(RawRecord.class));

    private DeadLetterRouting() {
    }

    /** A Kafka record as it was read, and the event decoded from it (null if it is none, with the reason). */
    public static final class RawRecord implements Serializable {
        private static final long serialVersionUID = 1L;
        public String topic;
        public int partition;
        public long offset;
        public long timestamp;
        public byte[] key;
        public byte[] value;
        public List<String> headerKeys = new ArrayList<>();
        public List<byte[]> headerValues = new ArrayList<>();
        public AdEvent event;
        public String reason;

        public RawRecord() {
        }
    }

    /** Query 1 over {@code s.inputTopic()}, its undecodable records dead-lettered to {@code <input topic>-dlq}. */
    public static void defineMinuteSpend(StreamExecutionEnvironment env, FlinkSettings s) {
        var builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(s.bootstrapServers())
                .setTopics(s.inputTopic())
                .setGroupId(s.groupId())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new Decode());
        if (s.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        // Event time from the decoded event; a dead letter has none (Long.MIN_VALUE never moves the watermark).
        WatermarkStrategy<RawRecord> watermarks = WatermarkStrategy
                .<RawRecord>forBoundedOutOfOrderness(StreamRules.MAX_OUT_OF_ORDER)
                .withTimestampAssigner((r, kafkaTimestamp) -> r.event != null ? r.event.eventTimeMs() : Long.MIN_VALUE);
        SingleOutputStreamOperator<AdEvent> events = env.fromSource(builder.build(), watermarks, "ad-events-raw")
                .process(new Route()).name("route-dead-letters");
        FlinkJobs.minuteSpend(events, s).sinkTo(FlinkIo.sink(s, MinuteSpend::campaignId)).name("minute-spend-to-kafka");
        events.getSideOutput(DEAD_LETTERS).sinkTo(KafkaSink.<RawRecord>builder()
                .setBootstrapServers(s.bootstrapServers())
                .setRecordSerializer(new DeadLetterRecords(DeadLetters.topicFor(s.inputTopic())))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build()).name("dead-letters-to-kafka");
    }

    /** Every Kafka record becomes a RawRecord, decoded or not: the source drops nothing. */
    static final class Decode implements KafkaRecordDeserializationSchema<RawRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
            RawRecord r = new RawRecord();
            r.topic = record.topic();
            r.partition = record.partition();
            r.offset = record.offset();
            r.timestamp = record.timestamp();
            r.key = record.key();
            r.value = record.value();
            for (Header h : record.headers()) {
                r.headerKeys.add(h.key());
                r.headerValues.add(h.value());
            }
            try {
                r.event = record.value() == null ? null : AdJson.readEvent(record.value());
                r.reason = r.event == null ? "no value" : null;
            } catch (RuntimeException e) {
                r.reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            out.collect(r);
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return TypeInformation.of(RawRecord.class);
        }
    }

    /** Events to the main output, the rest to the side output {@link #DEAD_LETTERS}. */
    static final class Route extends ProcessFunction<RawRecord, AdEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(RawRecord r, Context ctx, Collector<AdEvent> out) {
            // BEGIN SOLUTION step 13: a decoded event to the main output; a record with none to the DEAD_LETTERS side output (ctx.output), never dropped
            if (r.event != null) {
                out.collect(r.event);
            } else {
                ctx.output(DEAD_LETTERS, r);
            }
            // END SOLUTION
        }
    }

    /** A dead letter as a record of the dlq topic: the original bytes and headers, plus the dlq.* headers. */
    static final class DeadLetterRecords implements KafkaRecordSerializationSchema<RawRecord> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        DeadLetterRecords(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(RawRecord r, KafkaSinkContext context, Long timestamp) {
            List<Header> headers = new ArrayList<>();
            for (int i = 0; i < r.headerKeys.size(); i++) {
                headers.add(new RecordHeader(r.headerKeys.get(i), r.headerValues.get(i)));
            }
            return DeadLetters.of(topic, r.topic, r.partition, r.offset, r.timestamp, r.key, r.value, headers,
                    r.reason);
        }
    }
}
