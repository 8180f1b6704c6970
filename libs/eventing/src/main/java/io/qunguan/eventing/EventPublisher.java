package io.qunguan.eventing;

import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.EventTypes;
import io.qunguan.events.PartitionKeys;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes events and waits for the broker's acknowledgement ({@code acks=all}, idempotent producer).
 * Callers that answer someone (a webhook) or delete something (the outbox relay) only do so after it returned.
 */
@ApplicationScoped
public class EventPublisher {

    /**
     * A record to send: topic (without prefix), key, serialised event, and the {@code traceparent} of the span it
     * belongs to (null: none).
     */
    public record OutgoingRecord(String topic, String key, String eventId, String eventType, byte[] payload,
            String traceParent) {

        /** The event as a record of the current span's trace. */
        public static OutgoingRecord of(EventEnvelope<?> envelope) {
            return new OutgoingRecord(EventTypes.topicOf(envelope.data()), envelope.subject(),
                    envelope.id().toString(), envelope.type(), EventJson.write(envelope),
                    TraceContexts.current().orElse(null));
        }
    }

    private final EventingConfig config;
    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(EventingConfig config, KafkaConnection connection,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "qunguan") String clientId) {
        this.config = config;
        Properties properties = connection.clientProperties();
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-publisher");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long timeoutMs = config.sendTimeout().toMillis();
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (2 * timeoutMs));
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The partition of a part's key ({@code <owner>#<part>}): its owner's, as the producer would choose for the owner's
     * own key; null (the producer's choice) for any other key.
     */
    private Integer partitionOf(String topic, String key) {
        if (key == null || key.indexOf(PartitionKeys.SEPARATOR) < 0) {
            return null;
        }
        return ownersPartition(key, producer.partitionsFor(topic).size());
    }

    /** The partition the producer gives the key {@code PartitionKeys.owner(key)} among {@code partitions}. */
    static int ownersPartition(String key, int partitions) {
        byte[] owner = PartitionKeys.owner(key).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(owner)) % partitions;
    }

    /** Publishes one event and returns once the broker acknowledged it. */
    public void publish(EventEnvelope<?> envelope) {
        publishAll(List.of(OutgoingRecord.of(envelope)));
    }

    /** Sends every record, then waits until the broker acknowledged all of them. */
    public void publishAll(List<OutgoingRecord> records) {
        List<Optional<RuntimeException>> refused = sendAll(records);
        for (Optional<RuntimeException> failure : refused) {
            if (failure.isPresent()) {
                throw new RecordRefusedException("Kafka refused the record: " + failure.get().getMessage(),
                        failure.get());
            }
        }
    }

    /**
     * Sends every record and waits for the broker's answers: per record, empty when it was acknowledged, else the
     * broker's refusal of that record for good (too large, an invalid topic), which sending it again cannot change.
     *
     * @throws PublishFailedException when the broker is out of reach or did not answer in time: nothing is known
     */
    public List<Optional<RuntimeException>> sendAll(List<OutgoingRecord> records) {
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        List<Future<RecordMetadata>> pending = new ArrayList<>(records.size());
        try {
            for (OutgoingRecord record : records) {
                String topic = config.topic(record.topic());
                ProducerRecord<String, byte[]> producerRecord = new ProducerRecord<>(topic, partitionOf(topic,
                        record.key()), record.key(), record.payload());
                producerRecord.headers().add("ce_id", record.eventId().getBytes(StandardCharsets.UTF_8));
                producerRecord.headers().add("ce_type", record.eventType().getBytes(StandardCharsets.UTF_8));
                if (record.traceParent() != null) {
                    producerRecord.headers().add(TraceContexts.TRACEPARENT,
                            record.traceParent().getBytes(StandardCharsets.UTF_8));
                }
                pending.add(producer.send(producerRecord));
            }
            List<Optional<RuntimeException>> answers = new ArrayList<>(records.size());
            for (Future<RecordMetadata> future : pending) {
                try {
                    future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    answers.add(Optional.empty());
                } catch (ExecutionException e) {
                    if (refusedForGood(e.getCause())) {
                        answers.add(Optional.of((RuntimeException) e.getCause()));
                    } else {
                        throw e;
                    }
                }
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka refused the write: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge within " + config.sendTimeout(), e);
        } catch (KafkaException e) {
            throw new PublishFailedException("Kafka unavailable: " + e.getMessage(), e);
        }
    }

    /** The broker's answers that are about the record itself; anything else (a server error too) may pass. */
    private static boolean refusedForGood(Throwable refusal) {
        return refusal instanceof RecordTooLargeException || refusal instanceof RecordBatchTooLargeException
                || refusal instanceof InvalidTopicException || refusal instanceof InvalidRecordException;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The broker refused a record for good (too large, an invalid topic): sending it again changes nothing. */
    public static final class RecordRefusedException extends RuntimeException {
        public RecordRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The broker did not acknowledge a write in time; nothing may be acknowledged upstream. */
    public static final class PublishFailedException extends RuntimeException {
        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
