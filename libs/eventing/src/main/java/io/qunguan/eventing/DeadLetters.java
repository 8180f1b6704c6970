package io.qunguan.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.qunguan.events.EventJson;
import io.qunguan.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The dead-letter topics of this service's consumers ({@link Topics#CONSUMERS}): what lies there, masked, and what
 * operators did with it. A record is replayed by handing it to its own consumer (not by writing it back to the
 * topic, which every other consumer of the topic would read again), or discarded with a reason; either is recorded
 * with who and when. {@code qunguan_dead_letters{topic}} counts the records still to be looked at.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    /** How far back in each partition a listing reads. */
    static final int SCANNED_PER_PARTITION = 1_000;
    private static final int PREVIEW_LENGTH = 120;
    /** A replay claimed this long ago whose instance never recorded its end is abandoned: the record may be taken. */
    static final Duration ABANDONED_REPLAY = Duration.ofMinutes(10);
    private static final Pattern DIGITS = Pattern.compile("[0-9]{4,}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+)");

    /** A dead-lettered record as an operator sees it: where it was, why it failed, a masked preview. */
    public record DeadLetter(String topic, int partition, long offset, String channel, String key, String eventId,
            String eventType, String reason, String cause, String originalTopic, Integer originalPartition,
            Long originalOffset, OffsetDateTime deadLetteredAt, int size, String preview, Outcome outcome) {
    }

    /** What an operator did with a record. */
    public record Outcome(String action, String actor, String reason, OffsetDateTime at) {
    }

    /** The record is not one of this service's dead letters. */
    public static final class NotFoundException extends RuntimeException {
        NotFoundException(String message) {
            super(message);
        }
    }

    /** Someone resolved the record already. */
    public static final class AlreadyResolvedException extends RuntimeException {
        AlreadyResolvedException(String message) {
            super(message);
        }
    }

    private final DataSource dataSource;
    private final EventingConfig config;
    private final Instance<ChannelConsumer> consumers;
    private final MeterRegistry registry;
    private final KafkaConnection connection;
    private final List<Topics.Consumer> mine;
    private final Map<String, AtomicInteger> unresolved = new ConcurrentHashMap<>();
    private volatile boolean running;

    public DeadLetters(DataSource dataSource, EventingConfig config, Instance<ChannelConsumer> consumers,
            MeterRegistry registry, KafkaConnection connection,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "qunguan") String service) {
        this.dataSource = dataSource;
        this.config = config;
        this.consumers = consumers;
        this.registry = registry;
        this.connection = connection;
        this.mine = Topics.CONSUMERS.stream().filter(consumer -> consumer.service().equals(service)).toList();
    }

    void start(@Observes StartupEvent event) {
        for (Topics.Consumer consumer : mine) {
            String topic = config.topic(consumer.deadLetterTopic());
            registry.gauge("qunguan.dead.letters", Tags.of("topic", topic),
                    unresolved.computeIfAbsent(topic, name -> new AtomicInteger()));
        }
        running = true;
        Thread.ofPlatform().daemon().name("dead-letter-count").start(this::countLoop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    private void countLoop() {
        while (running) {
            try {
                Map<String, Integer> counts = new HashMap<>();
                list(false, Integer.MAX_VALUE).forEach(letter -> counts.merge(letter.topic(), 1, Integer::sum));
                unresolved.forEach((topic, count) -> count.set(counts.getOrDefault(topic, 0)));
            } catch (RuntimeException e) {
                LOG.debugf("cannot count dead letters now: %s", e.getMessage());
            }
            try {
                Thread.sleep(config.deadLetterCountInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** This service's dead-letter topics. */
    public List<String> topics() {
        return mine.stream().map(consumer -> config.topic(consumer.deadLetterTopic())).toList();
    }

    /**
     * The dead letters of this service's consumers, newest first; with {@code resolved} also those replayed or
     * discarded.
     */
    public List<DeadLetter> list(boolean resolved, int limit) {
        Map<String, Outcome> outcomes = outcomes();
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            for (Topics.Consumer consumer : mine) {
                String topic = config.topic(consumer.deadLetterTopic());
                for (ConsumerRecord<String, byte[]> record : read(reader, topic)) {
                    Outcome outcome = outcomes.get(id(topic, record.partition(), record.offset()));
                    if (resolved || outcome == null || "REPLAYING".equals(outcome.action())) {
                        letters.add(letter(consumer.channel(), record, outcome));
                    }
                }
            }
        }
        return letters.stream().sorted(Comparator.comparing(DeadLetter::deadLetteredAt).reversed()).limit(limit)
                .toList();
    }

    /**
     * Hands the record at {@code topic/partition/offset} to its consumer again and records that {@code actor} did.
     *
     * @throws NotFoundException        not a record of this service's dead-letter topics
     * @throws AlreadyResolvedException replayed or discarded before
     * @throws RuntimeException         the consumer's failure: the record stays where it is, unresolved
     */
    public void replay(String topic, int partition, long offset, String actor) {
        Topics.Consumer consumer = consumerOf(topic);
        ConsumerRecord<String, byte[]> record = find(topic, partition, offset);
        claim(topic, partition, offset, "REPLAYING", actor, null);
        try {
            channel(consumer.channel()).consume(record.value());
        } catch (RuntimeException e) {
            unclaim(topic, partition, offset);
            LOG.warnf("%s replayed %s/%d/%d to %s: it failed again: %s", actor, topic, partition, offset,
                    consumer.channel(), e.getMessage());
            throw e;
        }
        update(topic, partition, offset, "REPLAYED");
        LOG.infof("%s replayed %s/%d/%d to %s", actor, topic, partition, offset, consumer.channel());
    }

    /** Records that {@code actor} discarded the record, for {@code reason}. */
    public void discard(String topic, int partition, long offset, String actor, String reason) {
        consumerOf(topic);
        find(topic, partition, offset);
        claim(topic, partition, offset, "DISCARDED", actor, reason);
        LOG.infof("%s discarded %s/%d/%d: %s", actor, topic, partition, offset, reason);
    }

    private Topics.Consumer consumerOf(String topic) {
        return mine.stream().filter(consumer -> config.topic(consumer.deadLetterTopic()).equals(topic)).findFirst()
                .orElseThrow(() -> new NotFoundException("no dead-letter topic " + topic + " here"));
    }

    private ChannelConsumer channel(String name) {
        return consumers.stream().filter(consumer -> consumer.channel().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no consumer of channel " + name));
    }

    private ConsumerRecord<String, byte[]> find(String topic, int partition, long offset) {
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            TopicPartition where = new TopicPartition(topic, partition);
            if (reader.partitionsFor(topic).stream().noneMatch(info -> info.partition() == partition)) {
                throw new NotFoundException("no partition " + partition + " of " + topic);
            }
            long end = reader.endOffsets(List.of(where)).get(where);
            long begin = reader.beginningOffsets(List.of(where)).get(where);
            if (offset < begin || offset >= end) {
                throw new NotFoundException("no record " + offset + " in " + topic + "/" + partition);
            }
            reader.assign(List.of(where));
            reader.seek(where, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                }
            }
            throw new IllegalStateException("could not read " + topic + "/" + partition + "/" + offset);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> read(KafkaConsumer<String, byte[]> reader, String topic) {
        List<PartitionInfo> partitions = reader.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        reader.assign(assigned);
        Map<TopicPartition, Long> ends = reader.endOffsets(assigned);
        Map<TopicPartition, Long> begins = reader.beginningOffsets(assigned);
        for (TopicPartition partition : assigned) {
            reader.seek(partition, Math.max(begins.get(partition), ends.get(partition) - SCANNED_PER_PARTITION));
        }
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (assigned.stream().anyMatch(partition -> reader.position(partition) < ends.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end");
            }
            reader.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private KafkaConsumer<String, byte[]> reader() {
        Properties properties = connection.clientProperties();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letters-" + UUID.randomUUID());
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static DeadLetter letter(String channel, ConsumerRecord<String, byte[]> record, Outcome outcome) {
        String eventId = header(record, "ce_id");
        String eventType = header(record, "ce_type");
        try {
            var event = EventJson.MAPPER.readTree(record.value());
            eventId = eventId != null ? eventId : textOrNull(event.path("id").asText(null));
            eventType = eventType != null ? eventType : textOrNull(event.path("type").asText(null));
        } catch (Exception e) {
            // not JSON: the preview shows what it is
        }
        String partition = header(record, "dead-letter-partition");
        String offset = header(record, "dead-letter-offset");
        return new DeadLetter(record.topic(), record.partition(), record.offset(), channel, record.key(), eventId,
                eventType, header(record, "dead-letter-reason"), header(record, "dead-letter-cause"),
                header(record, "dead-letter-topic"), partition == null ? null : Integer.valueOf(partition),
                offset == null ? null : Long.valueOf(offset),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC),
                record.value() == null ? 0 : record.value().length, preview(record.value()), outcome);
    }

    /** The start of a record's value, with digit runs and e-mail addresses masked: enough to tell what it is. */
    static String preview(byte[] value) {
        if (value == null) {
            return "";
        }
        String text = new String(value, StandardCharsets.UTF_8);
        String shown = text.length() <= PREVIEW_LENGTH ? text : text.substring(0, PREVIEW_LENGTH) + "…";
        shown = EMAIL.matcher(shown).replaceAll("***@$1");
        return DIGITS.matcher(shown).replaceAll(match -> "*".repeat(match.group().length()));
    }

    private static String textOrNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String id(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    private Map<String, Outcome> outcomes() {
        Map<String, Outcome> outcomes = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT topic, partition_no, record_offset, action, actor, reason, at FROM dead_letter_outcome");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                outcomes.put(id(rows.getString(1), rows.getInt(2), rows.getLong(3)), new Outcome(rows.getString(4),
                        rows.getString(5), rows.getString(6), rows.getObject(7, OffsetDateTime.class)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dead-letter outcomes: " + e.getMessage(), e);
        }
        return outcomes;
    }

    private void claim(String topic, int partition, long offset, String action, String actor, String reason) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO dead_letter_outcome (topic, partition_no, record_offset, action, actor, reason)
                     VALUES (?, ?, ?, ?, ?, ?)
                     ON CONFLICT (topic, partition_no, record_offset) DO UPDATE
                     SET action = EXCLUDED.action, actor = EXCLUDED.actor, reason = EXCLUDED.reason, at = now()
                     WHERE dead_letter_outcome.action = 'REPLAYING'
                       AND dead_letter_outcome.at < now() - make_interval(secs => ?)""")) {
            insert.setString(1, topic);
            insert.setInt(2, partition);
            insert.setLong(3, offset);
            insert.setString(4, action);
            insert.setString(5, actor);
            insert.setString(6, reason);
            insert.setDouble(7, ABANDONED_REPLAY.toSeconds());
            if (insert.executeUpdate() == 0) {
                throw new AlreadyResolvedException(id(topic, partition, offset) + " was replayed or discarded");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dead-letter outcome: " + e.getMessage(), e);
        }
    }

    private void update(String topic, int partition, long offset, String action) {
        execute("UPDATE dead_letter_outcome SET action = ?, at = now() WHERE topic = ? AND partition_no = ? "
                + "AND record_offset = ?", action, topic, partition, offset);
    }

    private void unclaim(String topic, int partition, long offset) {
        execute("DELETE FROM dead_letter_outcome WHERE action = ? AND topic = ? AND partition_no = ? "
                + "AND record_offset = ?", "REPLAYING", topic, partition, offset);
    }

    private void execute(String sql, String action, String topic, int partition, long offset) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, action);
            statement.setString(2, topic);
            statement.setInt(3, partition);
            statement.setLong(4, offset);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("dead-letter outcome: " + e.getMessage(), e);
        }
    }
}
