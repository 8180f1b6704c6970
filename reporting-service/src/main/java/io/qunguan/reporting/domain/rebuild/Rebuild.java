package io.qunguan.reporting.domain.rebuild;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.KafkaConnection;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.AppealFiled;
import io.qunguan.events.DeadlineOpened;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.reporting.domain.Responsiveness;
import io.qunguan.reporting.domain.ViolationReports;
import io.qunguan.reporting.domain.replica.Replicas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rebuilds the read models from the topics into fresh tables (issue 18): a new schema {@code rebuild_<time>} gets
 * empty copies of the tables, every record the consumers read is read again from the start of its topic to its end
 * and applied by the same projection code with the schema first on the search path, and the result is compared, row
 * for row, with the live tables. The archive is not among them: its messages outlive the topics' retention, it is
 * the record itself. The live tables are not touched; an operator drops the schema when done, and the next rebuild
 * drops those more than a day old.
 */
@ApplicationScoped
public class Rebuild {

    /** The read models rebuilt from events; the ledger of processed events starts empty with them. */
    static final List<String> TABLES = List.of("violation_view", "response_time", "group_replica",
            "group_replica_chat", "person", "person_account", "department", "open_deadline", "open_appeal");
    static final int BATCH = 500;

    /** One table: its rows live and rebuilt, and those only one side holds. */
    public record Table(String table, long live, long rebuilt, long onlyLive, long onlyRebuilt) {
    }

    /** What a rebuild read and found. */
    public record Result(String schema, long events, List<Table> tables, boolean identical) {
    }

    private final EntityManager entities;
    private final IncomingEvents incoming;
    private final KafkaConnection kafka;
    private final ViolationReports violations;
    private final Responsiveness responsiveness;
    private final Replicas replicas;
    private final String topicPrefix;

    public Rebuild(EntityManager entities, IncomingEvents incoming, KafkaConnection kafka,
            ViolationReports violations, Responsiveness responsiveness, Replicas replicas,
            @ConfigProperty(name = "qunguan.kafka.topic-prefix") java.util.Optional<String> topicPrefix) {
        this.entities = entities;
        this.incoming = incoming;
        this.kafka = kafka;
        this.violations = violations;
        this.responsiveness = responsiveness;
        this.replicas = replicas;
        // empty in a deployment of its own, which config reads as absent
        this.topicPrefix = topicPrefix.orElse("");
    }

    /** Rebuilds into a fresh schema (dropping earlier rebuilds) and compares it with the live tables. */
    public Result run() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
        // unique however many operators rebuild at once; only rebuilds a day old are dropped, none still running
        String schema = "rebuild_" + now.format(stamp) + "_" + UUID.randomUUID().toString().substring(0, 8);
        String dayAgo = "rebuild_" + now.minusDays(1).format(stamp);
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<String> earlier = entities.createNativeQuery(
                    "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%' AND nspname < ?1")
                    .setParameter(1, dayAgo).getResultList();
            earlier.forEach(old -> entities.createNativeQuery("DROP SCHEMA " + old + " CASCADE").executeUpdate());
            entities.createNativeQuery("CREATE SCHEMA " + schema).executeUpdate();
            for (String table : TABLES) {
                entities.createNativeQuery("CREATE TABLE " + schema + "." + table + " (LIKE public." + table
                        + " INCLUDING ALL)").executeUpdate();
            }
            entities.createNativeQuery("CREATE TABLE " + schema + ".processed_event (LIKE public.processed_event "
                    + "INCLUDING ALL)").executeUpdate();
        });
        long events = 0;
        // the group snapshots and the directory first, as the live consumers have them by the time violations come
        for (String topic : List.of(Topics.GROUP_STATE, Topics.DIRECTORY_EVENTS, Topics.MODERATION_VIOLATIONS)) {
            events += replay(schema, topic);
        }
        List<Table> tables = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String table : TABLES) {
                tables.add(new Table(table, count("SELECT count(*) FROM public." + table),
                        count("SELECT count(*) FROM " + schema + "." + table),
                        count("SELECT count(*) FROM (SELECT * FROM public." + table + " EXCEPT SELECT * FROM "
                                + schema + "." + table + ") d"),
                        count("SELECT count(*) FROM (SELECT * FROM " + schema + "." + table + " EXCEPT SELECT * FROM "
                                + "public." + table + ") d")));
            }
        });
        return new Result(schema, events, tables, tables.stream()
                .allMatch(table -> table.onlyLive() == 0 && table.onlyRebuilt() == 0));
    }

    private long replay(String schema, String topic) {
        Properties properties = kafka.clientProperties();
        properties.put("group.id", "reporting-service-rebuild-" + UUID.randomUUID());
        properties.put("enable.auto.commit", "false");
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", ByteArrayDeserializer.class.getName());
        long applied = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topicPrefix + topic, Duration.ofSeconds(30))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<byte[]> batch = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        batch.add(record.value());
                    }
                    if (batch.size() >= BATCH) {
                        applied += apply(schema, batch);
                        batch.clear();
                    }
                }
            }
            applied += apply(schema, batch);
        }
        return applied;
    }

    /** Applies a batch in one transaction whose search path puts the fresh schema first. */
    private long apply(String schema, List<byte[]> values) {
        if (values.isEmpty()) {
            return 0;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            entities.createNativeQuery("SET LOCAL search_path TO " + schema + ", public").executeUpdate();
            long applied = 0;
            for (byte[] value : values) {
                // a record the live consumer dead-lettered is passed over here too
                EventEnvelope<EventPayload> event;
                try {
                    event = incoming.read(value).orElse(null);
                } catch (RuntimeException e) {
                    continue;
                }
                if (event == null) {
                    continue;
                }
                applied++;
                switch (event.data()) {
                    case ViolationOpened opened -> violations.project(event.as(opened));
                    case AppealDecided decided -> violations.appealDecided(event.as(decided));
                    case ResponseMeasured measured -> responsiveness.record(event.as(measured));
                    case DeadlineOpened opened -> responsiveness.opened(event.as(opened));
                    case AppealFiled filed -> violations.appealFiled(event.as(filed));
                    case GroupSnapshot snapshot -> replicas.group(event.as(snapshot));
                    default -> replicas.directory(event);
                }
            }
            entities.flush();
            return applied;
        });
    }

    private long count(String sql) {
        return ((Number) entities.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
