package dev.dataeng.p08.flink;

import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.p08.model.ResultJson;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The Kafka source (with its watermarks) and the JSON sinks the Flink jobs share: plumbing, not the lesson. */
final class FlinkIo {
    private FlinkIo() {
    }

    static DataStream<AdEvent> events(StreamExecutionEnvironment env, FlinkSettings s,
            WatermarkStrategy<AdEvent> watermarks) {
        var builder = KafkaSource.<AdEvent>builder()
                .setBootstrapServers(s.bootstrapServers())
                .setTopics(s.inputTopic())
                .setGroupId(s.groupId())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new AdEventSchema());
        if (s.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), watermarks, "ad-events");
    }

    /** Values in ResultJson form, keyed by {@code key}; at-least-once (exactly-once is p09's lesson). */
    static <T> KafkaSink<T> sink(FlinkSettings s, ResultKey<T> key) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(s.bootstrapServers())
                .setRecordSerializer(new ResultRecords<>(s.outputTopic(), key))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** The key of a result record (campaign id, click id). */
    interface ResultKey<T> extends Serializable {
        String of(T result);
    }

    /**
     * A result as a Kafka record. A class rather than the builder's lambdas: the connector infers the record type of
     * lambdas for lineage, and cannot.
     */
    static final class ResultRecords<T> implements KafkaRecordSerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final ResultKey<T> key;

        ResultRecords(String topic, ResultKey<T> key) {
            this.topic = topic;
            this.key = key;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T result, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, timestamp, utf8(key.of(result)), ResultJson.write(result));
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
