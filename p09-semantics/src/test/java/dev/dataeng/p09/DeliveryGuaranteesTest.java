package dev.dataeng.p09;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataeng.common.ads.AdConfig;
import dev.dataeng.common.ads.AdEvent;
import dev.dataeng.common.ads.AdEventGenerator;
import dev.dataeng.common.ads.AdJson;
import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.common.ads.Campaign;
import dev.dataeng.common.ads.EventType;
import dev.dataeng.common.ads.Pricing;
import dev.dataeng.common.grading.Checklist;
import dev.dataeng.common.grading.GradingSeed;
import dev.dataeng.common.kafka.AdPublisher;
import dev.dataeng.common.kafka.KafkaClusterExtension;
import dev.dataeng.common.kafka.KafkaTopics;
import dev.dataeng.common.testkit.H2;
import dev.dataeng.p09.crash.DeliveryDrills;
import dev.dataeng.p09.crash.DeliveryTally;
import dev.dataeng.p09.delivery.BillingReader;
import dev.dataeng.p09.delivery.DeliveryMode;
import dev.dataeng.p09.delivery.JobSettings;
import dev.dataeng.p09.delivery.SpendJob;
import dev.dataeng.p09.delivery.SpendLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four delivery modes of SpendJob, each run in a child JVM that is SIGKILLed at 20%, 50% and 80% of its input
 * and then finishes. The expected output (one spend line per generated event, priced from the catalogue) is computed
 * here in plain Java.
 */
class DeliveryGuaranteesTest {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    static final String INPUT = "ad-events";
    static final String CAMPAIGNS = "campaigns";
    static final long PACE_MICROS = 2_000;

    @TempDir
    static Path work;

    static long records;
    static Map<String, SpendLine> expected;
    static final List<DeliveryTally> TABLE = new ArrayList<>();

    @BeforeAll
    static void publish() {
        AdEventGenerator generator = new AdEventGenerator(AdConfig.clean(GradingSeed.of(9), 2_000));
        KAFKA.cluster().createTopic(INPUT, 3);
        KAFKA.cluster().createTopic(CAMPAIGNS, 1);
        AdPublisher.publishCampaigns(KAFKA.bootstrapServers(), CAMPAIGNS, generator.campaigns());
        records = AdPublisher.publish(KAFKA.bootstrapServers(), INPUT, generator.records().iterator()).records();
        Map<String, Campaign> byId = generator.campaignsById();
        expected = new LinkedHashMap<>();
        generator.uniqueEvents().forEach(e -> expected.put(e.eventId(), line(e, byId.get(e.campaignId()))));
        assertThat(expected).hasSize((int) records);
    }

    /** What an event costs, written out here independently of the job's code. */
    static SpendLine line(AdEvent e, Campaign c) {
        long cost = c.pricing() == Pricing.CPC
                ? (e.type() == EventType.CLICK ? c.bidMicros() : 0)
                : (e.type() == EventType.IMPRESSION ? c.bidMicros() / 1000 : 0);
        return new SpendLine(e.eventId(), e.campaignId(), e.eventTimeMs(), cost);
    }

    /**
     * The drill of {@code mode}; when it stops, the reason with what the drill counts as progress: what a reader can
     * see of the job's output, not what the job says it did.
     */
    static DeliveryDrills.Run run(DeliveryMode mode) {
        try {
            return DeliveryDrills.run(KAFKA.bootstrapServers(), mode, INPUT, CAMPAIGNS, records,
                    work.resolve(mode.label()), PACE_MICROS);
        } catch (IllegalStateException e) {
            String seen = switch (mode) {
                case EFFECTIVELY_ONCE -> "the rows of spend_lines another connection sees, so only committed ones "
                        + "(H2SpendSink.merge: one commit per batch)";
                case AT_MOST_ONCE -> "the records on the topic spend-at-most-once (SpendJob.atMostOnce: are the "
                        + "lines sent?)";
                case AT_LEAST_ONCE -> "the records on the topic spend-at-least-once (SpendJob.atLeastOnce: are the "
                        + "lines sent?)";
                case EXACTLY_ONCE -> "the records on the topic spend-exactly-once, those of open transactions "
                        + "included (SpendJob.exactlyOnce: are the lines sent in the transaction?)";
            };
            throw new AssertionError(mode.label() + " drill stopped; it counts the job's progress as " + seen + ": "
                    + e.getMessage(), e);
        }
    }

    static DeliveryTally drill(DeliveryMode mode) {
        DeliveryDrills.Run run = run(mode);
        DeliveryTally t = DeliveryTally.of(mode, expected, run.output(), run.drill().describe());
        TABLE.add(t);
        assertThat(run.drill().killedAt()).as("three kills, each at or past its mark").hasSize(3);
        return t;
    }

    @AfterAll
    static void printTable() {
        System.out.println("\nDelivery modes under three SIGKILLs each (" + records + " input events):\n"
                + DeliveryTally.table(TABLE));
    }

    @Test
    @Checklist(id = "E1", points = 2)
    @DisplayName("at-most-once (commit, then write) survives three kills with no duplicate and a counted loss: output + lost = input")
    void atMostOnceLosesButNeverDuplicates() {
        DeliveryTally t = drill(DeliveryMode.AT_MOST_ONCE);
        assertThat(t.duplicates()).as("at-most-once must never write an event twice, but %s has %d duplicate lines: "
                + "commit the batch's offsets BEFORE writing it (SpendJob.atMostOnce)", t.mode(), t.duplicates())
                .isZero();
        assertThat(t.lost()).as("a kill between the commit and the writes must lose the rest of the batch; %s lost "
                + "nothing (%s): is the commit really before the writes?", t.mode(), t.kills()).isPositive();
        assertThat(t.distinct() + t.lost()).as("every input event is either in the output or counted as lost")
                .isEqualTo(t.input());
        assertThat(t.wrongCost()).as("lines priced wrong").isZero();
    }

    @Test
    @Checklist(id = "E2", points = 2)
    @DisplayName("at-least-once (write, flush, then commit) survives three kills with no loss; its duplicates are counted: output = input + duplicates")
    void atLeastOnceDuplicatesButNeverLoses() {
        DeliveryTally t = drill(DeliveryMode.AT_LEAST_ONCE);
        assertThat(t.lost()).as("at-least-once must not lose an event, but %d of %d are missing after the kills (%s): "
                + "commit only after the producer has flushed the batch (SpendJob.atLeastOnce)", t.lost(), t.input(),
                t.kills()).isZero();
        assertThat(t.output()).as("output = input + duplicates").isEqualTo(t.input() + t.duplicates());
        assertThat(t.wrongCost()).as("lines priced wrong").isZero();
    }

    /** The exactly-once drill, run once for E3 and E4 (whichever runs first). */
    static synchronized DeliveryTally exactlyOnceDrill() {
        if (exactlyOnce == null) {
            exactlyOnce = drill(DeliveryMode.EXACTLY_ONCE);
        }
        return exactlyOnce;
    }

    static DeliveryTally exactlyOnce;

    @Test
    @Checklist(id = "E3", points = 3)
    @DisplayName("exactly-once with Kafka transactions: after three kills the committed output holds every input event exactly once, record by record")
    void exactlyOnceWithTransactions() {
        DeliveryTally t = exactlyOnceDrill();
        // Checked with the test's own read_committed reader, independent of the chapter's BillingReader.
        List<SpendLine> committed = KafkaTopics.readAll(KAFKA.bootstrapServers(), "spend-exactly-once",
                IsolationLevel.READ_COMMITTED, Duration.ofSeconds(60)).stream()
                .map(r -> SpendLine.fromJson(r.value())).toList();
        DeliveryTally c = DeliveryTally.of(DeliveryMode.EXACTLY_ONCE, expected, committed, t.kills());
        assertThat(c.lost()).as("committed output misses %d of %d events (%s): send the offsets to the transaction "
                + "(sendOffsetsToTransaction) instead of committing them apart", c.lost(), c.input(), c.kills()).isZero();
        assertThat(c.duplicates()).as("committed output has %d duplicate lines (%s): one transaction per batch, with a "
                + "transactional.id that stays the same across restarts so the new instance fences the killed one",
                c.duplicates(), c.kills()).isZero();
        assertThat(c.wrongCost()).isZero();
        long span = KafkaTopics.offsetSpan(KAFKA.bootstrapServers(), "spend-exactly-once");
        assertThat(span).as("the spend topic's offsets include transaction markers: it is written transactionally")
                .isGreaterThan(committed.size());
    }

    @Test
    @Checklist(id = "E4", points = 2)
    @DisplayName("billing reads the transactional spend topic read_committed: spend per campaign after the kills equals the generator's, to the micro")
    void billingSeesOnlyCommittedSpend() {
        exactlyOnceDrill();
        List<SpendLine> lines = BillingReader.readLines(KAFKA.bootstrapServers(), "spend-exactly-once",
                Duration.ofSeconds(60));
        Map<String, Long> want = new TreeMap<>();
        expected.values().forEach(l -> want.merge(l.campaignId(), l.costMicros(), Long::sum));
        assertThat(BillingReader.spendByCampaign(lines))
                .as("spend per campaign as billing reads it (%d lines for %d events): a reader at read_uncommitted "
                        + "also bills the lines of transactions the kills aborted (BillingReader.isolation)",
                        lines.size(), expected.size())
                .isEqualTo(want);
    }

    @Test
    @Checklist(id = "E5", points = 3)
    @DisplayName("effectively-once: at-least-once delivery into a sink that upserts by event id holds every event exactly once after three kills")
    void effectivelyOnceWithAnIdempotentSink() {
        DeliveryDrills.Run run = run(DeliveryMode.EFFECTIVELY_ONCE);
        DeliveryTally t = DeliveryTally.of(DeliveryMode.EFFECTIVELY_ONCE, expected, run.output(),
                run.drill().describe() + "; " + (run.deliveries() - run.output().size()) + " redeliveries absorbed");
        TABLE.add(t);
        assertThat(t.lost()).as("sink rows missing: %d of %d (%s)", t.lost(), t.input(), t.kills()).isZero();
        assertThat(t.duplicates()).as("the sink holds %d duplicate rows: upsert by event id (H2SpendSink.upsert)",
                t.duplicates()).isZero();
        assertThat(t.wrongCost()).isZero();
        assertThat(run.deliveries()).as("the kills landed between upserts and offset commits, so some batches were "
                + "delivered to the sink again (%s); the sink must count them in its deliveries column", t.kills())
                .isGreaterThan(t.input());
    }

    @Test
    @Checklist(id = "E18", points = 3)
    @DisplayName("poison does not stop the spend job: each undecodable, unknown-campaign or future-dated record is dead-lettered with its reason, and spend lines + dead letters = input (exactly-once: in the same transactions; effectively-once)")
    void poisonIsDeadLetteredNotFatal() {
        AdEventGenerator generator = new AdEventGenerator(AdConfig.clean(GradingSeed.of(19), 1_000)
                .withDirt(0, 0, 0, 0.05));
        String input = "ad-events-poison";
        String campaigns = "campaigns-poison";
        KAFKA.cluster().createTopic(input, 3);
        KAFKA.cluster().createTopic(campaigns, 1);
        AdPublisher.publishCampaigns(KAFKA.bootstrapServers(), campaigns, generator.campaigns());
        long inputRecords = AdPublisher.publish(KAFKA.bootstrapServers(), input, generator.records().iterator())
                .records();
        Map<String, Campaign> byId = generator.campaignsById();
        Map<String, SpendLine> want = new TreeMap<>();
        generator.uniqueEvents().forEach(e -> want.put(e.eventId(), line(e, byId.get(e.campaignId()))));
        // Each poison record as it is on the topic (its value) with the generator's label: the reason expected.
        List<String> wantDead = generator.records().filter(r -> r instanceof AdRecord.Poison)
                .map(r -> (AdRecord.Poison) r)
                .map(p -> deadLetter(p.event() == null ? p.bytes() : AdJson.write(p.event()), p.kind().name()))
                .sorted().toList();
        assertThat(wantDead).as("the input has poison of every kind (else this proves nothing)")
                .extracting(d -> d.substring(d.lastIndexOf(' ') + 1)).contains("UNDECODABLE", "UNKNOWN_CAMPAIGN",
                        "FUTURE_EVENT_TIME");

        for (DeliveryMode mode : List.of(DeliveryMode.EXACTLY_ONCE, DeliveryMode.EFFECTIVELY_ONCE)) {
            String output = "spend-poison-" + mode.label();
            String deadLetters = output + "-dead-letters";
            String jdbc = H2.fileUrl(work, "poison-" + mode.label());
            JobSettings settings = new JobSettings(KAFKA.bootstrapServers(), input, campaigns, output, deadLetters,
                    jdbc, "poison-" + mode.label(), "poison-" + mode.label() + "-0", 100, 0);
            SpendJob.Outcome outcome;
            try {
                outcome = new SpendJob(settings).run(mode);
            } catch (RuntimeException e) {
                throw new AssertionError(mode.label() + ": the spend job stopped on " + e + " instead of dead-lettering "
                        + "the record (SpendJob.judge: a record that is no priceable event is a verdict, not an "
                        + "exception)", e);
            }
            List<SpendLine> lines = mode == DeliveryMode.EXACTLY_ONCE
                    ? BillingReader.readLines(KAFKA.bootstrapServers(), output, Duration.ofSeconds(60))
                    : H2.rows(jdbc, "SELECT event_id, campaign_id, event_time, cost_micros FROM spend_lines").stream()
                            .map(r -> new SpendLine((String) r.get("EVENT_ID"), (String) r.get("CAMPAIGN_ID"),
                                    ((Number) r.get("EVENT_TIME")).longValue(),
                                    ((Number) r.get("COST_MICROS")).longValue()))
                            .toList();
            List<String> dead = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.readAll(KAFKA.bootstrapServers(), deadLetters,
                    IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30))) {
                Header reason = r.headers().lastHeader(SpendJob.REASON_HEADER);
                dead.add(deadLetter(r.value(), reason == null ? "(no " + SpendJob.REASON_HEADER + " header)"
                        : new String(reason.value(), StandardCharsets.UTF_8)));
            }
            Map<String, SpendLine> got = new TreeMap<>();
            lines.forEach(l -> got.put(l.eventId(), l));
            assertThat(lines).as("%s: spend lines (one per good event, %d expected)", mode.label(), want.size())
                    .hasSize(want.size());
            assertThat(got).as("%s: the spend lines, event by event: poison must not be priced (an unknown campaign "
                    + "costs nothing but is still no event of ours)", mode.label()).isEqualTo(want);
            assertThat(dead.stream().sorted().toList()).as("%s: the dead letters (value as read, reason header "
                    + "%s): each poison record once, with the generator's label as its reason", mode.label(),
                    SpendJob.REASON_HEADER).isEqualTo(wantDead);
            assertThat(lines.size() + dead.size()).as("%s: spend lines + dead letters = input", mode.label())
                    .isEqualTo(inputRecords);
            assertThat(List.of(outcome.written(), outcome.deadLettered()))
                    .as("%s: what the job says it wrote and dead-lettered", mode.label())
                    .containsExactly((long) want.size(), (long) wantDead.size());
        }
    }

    /** A dead letter as the test compares it: the record's value (Base64) and its reason. */
    static String deadLetter(byte[] value, String reason) {
        return (value == null ? "null" : Base64.getEncoder().encodeToString(value)) + " " + reason;
    }
}
