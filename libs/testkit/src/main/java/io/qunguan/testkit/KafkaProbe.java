package io.qunguan.testkit;

import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.EventPayload;
import io.qunguan.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test access to a run's topics: publish events or raw bytes, and read what the services published. */
public final class KafkaProbe implements AutoCloseable {

    private final String bootstrapServers;
    private final String topicPrefix;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaProbe(String bootstrapServers, String topicPrefix) {
        this.bootstrapServers = bootstrapServers;
        this.topicPrefix = topicPrefix;
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes an event on its contract topic, keyed by its subject. */
    public void publish(EventEnvelope<?> envelope) {
        publishRaw(EventTypes.topicOf(envelope.data()), envelope.subject(), EventJson.write(envelope));
    }

    /** Publishes arbitrary bytes (e.g. a poison record) on a contract topic. */
    public void publishRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topicPrefix + topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("probe could not publish to " + topic, e);
        }
    }

    /** Reads a topic from its start until {@code until} holds for what was read, or the timeout passes. */
    public List<ConsumerRecord<String, byte[]>> readUntil(String topic,
            Predicate<List<ConsumerRecord<String, byte[]>>> until, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topicPrefix + topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !until.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Reads a topic's events from its start for {@code window}, or until {@code count} records were read. Poison
     * records other tests wrote on purpose (to test dead-lettering) are passed over: they are not events.
     */
    public List<EventEnvelope<EventPayload>> events(String topic, int count, Duration window) {
        return readUntil(topic, records -> records.size() >= count, window).stream()
                .map(record -> eventOrNull(record.value())).filter(event -> event != null)
                .toList();
    }

    private static EventEnvelope<EventPayload> eventOrNull(byte[] value) {
        try {
            return EventJson.read(value);
        } catch (EventJson.MalformedEventException e) {
            return null;
        }
    }

    /**
     * Reads a topic's events from its start until one matches {@code last}, or the timeout passes. Events keyed
     * like {@code last} that were written before it are all read by then: one key stays on one partition. Poison
     * records are passed over, as in {@link #events}.
     */
    public List<EventEnvelope<EventPayload>> eventsThrough(String topic, Predicate<EventEnvelope<EventPayload>> last,
            Duration timeout) {
        List<EventEnvelope<EventPayload>> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topicPrefix + topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope<EventPayload> event = eventOrNull(record.value());
                    if (event == null) {
                        continue;
                    }
                    events.add(event);
                    if (last.test(event)) {
                        return events;
                    }
                }
            }
        }
        return events;
    }

    /** The text of a record's header, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
