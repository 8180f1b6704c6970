package io.qunguan.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.EventJson;
import io.qunguan.events.Topics;
import io.qunguan.testkit.QunguanStack;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the run sees of the pipeline's far end while it drives the webhooks: every violation moderation publishes
 * (from the topic, with its record time: the decision's latency), the violations reporting shows (polled from its
 * read model: the latency to visible), and the consumer groups' lag.
 */
final class Observers implements AutoCloseable {

    /** How often reporting's read model is polled for the sampled messages: the resolution of that latency. */
    static final Duration REPORTING_POLL = Duration.ofMillis(25);

    private final QunguanStack stack;
    private final String idPrefix;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final Admin admin;

    /** Violating messages sent in this step, id → wall-clock send time (ms), until moderation's decision is seen. */
    private final Map<String, Long> awaitingDecision = new ConcurrentHashMap<>();
    /** The sampled ones, until reporting shows them. */
    private final Map<String, Long> awaitingReporting = new ConcurrentHashMap<>();
    private final Recorder decisionMillis = new Recorder(60_000, 3);
    private final Recorder reportingMillis = new Recorder(120_000, 3);
    /** Violations published per step and rule, and distinct messages they are for. */
    private final Map<String, Map<String, AtomicLong>> byStepAndRule = new ConcurrentHashMap<>();
    private final Set<String> decided = ConcurrentHashMap.newKeySet();
    private volatile long lag;
    private volatile Map<String, Long> lagByGroup = Map.of();

    private Observers(QunguanStack stack, String run) {
        this.stack = stack;
        this.idPrefix = "ld-" + run + "-";
        this.admin = stack.kafka().admin();
    }

    static Observers start(QunguanStack stack, String run) {
        Observers observers = new Observers(stack, run);
        observers.thread("violations", observers::readViolations);
        observers.thread("reporting", observers::pollReporting);
        observers.thread("lag", observers::sampleLag);
        return observers;
    }

    private void thread(String name, Runnable body) {
        Thread thread = Thread.ofPlatform().daemon().name("load-" + name).start(body);
        threads.add(thread);
    }

    void sent(Traffic.Message message, long sentAtMillis, boolean sampled) {
        if (message.violating() && !message.duplicate()) {
            awaitingDecision.put(message.id(), sentAtMillis);
            if (sampled) {
                awaitingReporting.put(message.id(), sentAtMillis);
            }
        }
    }

    /** Forgets an unanswered or refused message: nothing downstream is expected of it. */
    void refused(Traffic.Message message) {
        awaitingDecision.remove(message.id());
        awaitingReporting.remove(message.id());
    }

    Recorder decisions() {
        return decisionMillis;
    }

    Recorder reportings() {
        return reportingMillis;
    }

    int awaitingReporting() {
        return awaitingReporting.size();
    }

    int awaitingDecision() {
        return awaitingDecision.size();
    }

    long lag() {
        return lag;
    }

    Map<String, Long> lagByGroup() {
        return lagByGroup;
    }

    /** Violations moderation published for the messages of {@code step}, by rule. */
    Map<String, Long> violationsOf(String step) {
        Map<String, Long> counts = new HashMap<>();
        byStepAndRule.getOrDefault(step, Map.of()).forEach((rule, count) -> counts.put(rule, count.get()));
        return counts;
    }

    /** Violations reporting shows for the messages of {@code step}. */
    long reportedOf(String step) {
        try (Connection connection = reportingDatabase();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM violation_view WHERE message_id LIKE ?")) {
            query.setString(1, idPrefix + step + "-%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reporting's read model cannot be read", e);
        }
    }

    private void readViolations() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        String topic = stack.topicPrefix() + Topics.MODERATION_VIOLATIONS;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    seen(record);
                }
            }
        }
    }

    private void seen(ConsumerRecord<String, String> record) {
        JsonNode event;
        try {
            event = EventJson.MAPPER.readTree(record.value());
        } catch (java.io.IOException e) {
            return;
        }
        JsonNode messageId = event.findValue("messageId");
        JsonNode ruleId = event.findValue("ruleId");
        if (messageId == null || !messageId.asText().startsWith(idPrefix)) {
            return;
        }
        String id = messageId.asText();
        String step = id.substring(idPrefix.length(), id.lastIndexOf('-'));
        byStepAndRule.computeIfAbsent(step, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(ruleId == null ? "?" : ruleId.asText(), key -> new AtomicLong()).incrementAndGet();
        Long sentAt = awaitingDecision.remove(id);
        if (sentAt != null && decided.add(id)) {
            decisionMillis.recordValue(Math.max(0, Math.min(60_000, record.timestamp() - sentAt)));
        }
    }

    private void pollReporting() {
        try (Connection connection = reportingDatabase();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT message_id FROM violation_view WHERE message_id = ANY(?)")) {
            while (running.get()) {
                if (!awaitingReporting.isEmpty()) {
                    Array ids = connection.createArrayOf("text", awaitingReporting.keySet().toArray());
                    query.setArray(1, ids);
                    long now = System.currentTimeMillis();
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            Long sentAt = awaitingReporting.remove(rows.getString(1));
                            if (sentAt != null) {
                                reportingMillis.recordValue(Math.max(0, Math.min(120_000, now - sentAt)));
                            }
                        }
                    }
                }
                Thread.sleep(REPORTING_POLL.toMillis());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reporting's read model cannot be polled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sampleLag() {
        while (running.get()) {
            try {
                Map<String, Long> byGroup = new HashMap<>();
                for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS)) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin
                            .listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                            .get(5, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().stream().filter(partition -> partition.topic().startsWith(stack.topicPrefix()))
                            .forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                    if (latest.isEmpty()) {
                        continue;
                    }
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                            .get(5, TimeUnit.SECONDS);
                    long groupLag = 0;
                    for (var end : ends.entrySet()) {
                        OffsetAndMetadata at = committed.get(end.getKey());
                        groupLag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
                    }
                    byGroup.put(group.groupId(), groupLag);
                }
                lagByGroup = Map.copyOf(byGroup);
                lag = byGroup.values().stream().mapToLong(Long::longValue).sum();
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // a slow answer under load: the next sample tells
            }
        }
    }

    private Connection reportingDatabase() throws SQLException {
        var postgres = stack.postgres();
        String database = stack.settings().services().stream()
                .filter(spec -> spec.name().equals("reporting-service")).findFirst().orElseThrow().database();
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        admin.close();
    }
}
