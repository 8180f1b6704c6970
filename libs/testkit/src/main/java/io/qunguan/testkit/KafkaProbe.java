package io.qunguan.testkit;

import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.EventPayload;
import io.qunguan.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.common.TopicPartition;
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
        publishRaw(topic, key, value, Map.of());
    }

    /** Publishes an event with record headers (e.g. a {@code traceparent}), keyed by its subject. */
    public void publish(EventEnvelope<?> envelope, Map<String, String> headers) {
        publishRaw(EventTypes.topicOf(envelope.data()), envelope.subject(), EventJson.write(envelope), headers);
    }

    private void publishRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topicPrefix + topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("probe could not publish to " + topic, e);
        }
    }

    /**
     * Reads a topic from its start until {@code until} holds for what was read, and then the rest of what every
     * partition held at that moment: a marker read on one partition also brings what other partitions received
     * before it.
     *
     * @throws AssertionError when it does not hold within {@code timeout}
     */
    public List<ConsumerRecord<String, byte[]>> readUntil(String topic,
            Predicate<List<ConsumerRecord<String, byte[]>>> until, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topicPrefix + topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!until.test(records)) {
                if (System.nanoTime() >= deadline) {
                    throw new AssertionError("what the test waited for did not come on " + topic + " within "
                            + timeout.toSeconds() + " s (" + records.size() + " records read)");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (System.nanoTime() >= deadline + Duration.ofSeconds(10).toNanos()) {
                    throw new AssertionError("could not read " + topic + " to its end " + ends);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Every record a topic holds now, from its start to the end of each partition; none for a missing topic. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topicPrefix + topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() >= deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within " + timeout.toSeconds()
                            + " s (" + records.size() + " records read)");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Reads a topic's events from its start until {@code count} were read. Poison records other tests wrote on
     * purpose (to test dead-lettering) are passed over: they are not events.
     *
     * @throws AssertionError when fewer come within {@code timeout}
     */
    public List<EventEnvelope<EventPayload>> events(String topic, int count, Duration timeout) {
        return readUntil(topic, records -> records.stream().filter(record -> eventOrNull(record.value()) != null)
                .count() >= count, timeout).stream()
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
     * Reads a topic's events from its start until one matches {@code last}. Events keyed like {@code last} that were
     * written before it are all read by then: one key stays on one partition. So a test shows that something did
     * not happen by writing a marker after it, with the same key, and reading through the marker. Poison records are
     * passed over, as in {@link #events}.
     *
     * @throws AssertionError when no event matches within {@code timeout}
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
        throw new AssertionError("the event the test waited for did not come on " + topic + " within "
                + timeout.toSeconds() + " s (" + events.size() + " events read)");
    }

    /**
     * Reads a topic's raw records from its start until one matches {@code last}, as {@link #eventsThrough} does for
     * events: for dead-letter topics, whose records need not be events.
     *
     * @throws AssertionError when no record matches within {@code timeout}
     */
    public List<ConsumerRecord<String, byte[]>> recordsThrough(String topic,
            Predicate<ConsumerRecord<String, byte[]>> last, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = readUntil(topic, read -> !read.isEmpty()
                && read.stream().anyMatch(last), timeout);
        int end = 0;
        while (!last.test(records.get(end))) {
            end++;
        }
        return List.copyOf(records.subList(0, end + 1));
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
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
