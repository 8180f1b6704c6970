package io.qunguan.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.qunguan.events.EventJson;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** The batch path's logic; the Kafka side (acknowledgement, dead-letter topic) is proven by each service's ITs. */
class RecordBatchesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordRetries retries = new RecordRetries(registry, Duration.ofMillis(1), Duration.ofMillis(4));
    private final AtomicInteger transactions = new AtomicInteger();
    // no OpenTelemetry SDK, as in the local run: the trace context still travels (non-recording spans keep it)
    private final RecordBatches batches = new RecordBatches(retries, registry, work -> {
        transactions.incrementAndGet();
        work.run();
    }, OpenTelemetry.noop().getTracer("test"));

    /** What happened to each record and to the batch. */
    private final List<String> outcomes = new ArrayList<>();
    private final List<Throwable> nackReasons = new ArrayList<>();

    private Message<byte[]> record(String value) {
        return Message.of(value.getBytes(StandardCharsets.UTF_8), () -> {
            outcomes.add("ack " + value);
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            outcomes.add("nack " + value);
            nackReasons.add(reason);
            return CompletableFuture.completedFuture(null);
        });
    }

    private final Message<String> batch = Message.of("batch", () -> {
        outcomes.add("ack batch");
        return CompletableFuture.completedFuture(null);
    });

    /** A consumer whose records named "poison" are malformed; it records what it handled, one by one. */
    private class Channel implements ChannelConsumer {
        final List<String> handledOneByOne = new ArrayList<>();

        @Override
        public String channel() {
            return "messages";
        }

        @Override
        public void consume(byte[] value) {
            retries.run(channel(), () -> handledOneByOne.add(handle(value)));
        }
    }

    private static String handle(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        if (text.equals("poison")) {
            throw new EventJson.MalformedEventException("not JSON");
        }
        return text;
    }

    private static Consumer<List<byte[]>> handleAll(List<String> handled) {
        return values -> values.forEach(value -> handled.add(handle(value)));
    }

    /** A record as Kafka delivers it, its headers carrying {@code traceparent}. */
    private Message<byte[]> tracedRecord(String value, String traceParent) {
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>("im.messages", 0, 0, "key",
                value.getBytes(StandardCharsets.UTF_8));
        consumed.headers().add(TraceContexts.TRACEPARENT, traceParent.getBytes(StandardCharsets.UTF_8));
        return record(value).addMetadata(new IncomingKafkaRecordMetadata<>(consumed, "messages"));
    }

    @Test
    void eachRecordOfABatchIsHandledUnderTheTraceItsHeadersCarryAndARecordWithoutOneUnderNone() {
        String first = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String second = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        List<String> seen = new ArrayList<>();
        batches.handleEach(new Channel(), batch, List.of(tracedRecord("a", first), tracedRecord("b", second),
                record("c")), value -> seen.add(new String(value, StandardCharsets.UTF_8) + " "
                        + TraceContexts.current().map(parent -> parent.split("-")[1]).orElse("none")))
                .toCompletableFuture().join();
        assertEquals(List.of("a 0af7651916cd43dd8448eb211c80319c", "b 4bf92f3577b34da6a3ce929d0e0e4736", "c none"),
                seen);
        assertEquals(Optional.empty(), TraceContexts.current(), "no context is left current after the batch");
        assertEquals(1, transactions.get());
    }

    @Test
    void aGoodBatchIsHandledInOneTransactionAndAcknowledgedAsOne() {
        Channel channel = new Channel();
        List<String> handled = new ArrayList<>();
        batches.handle(channel, batch, List.of(record("a"), record("b"), record("c")), handleAll(handled))
                .toCompletableFuture().join();
        assertEquals(List.of("a", "b", "c"), handled);
        assertEquals(1, transactions.get());
        assertEquals(List.of("ack batch"), outcomes);
        assertEquals(List.of(), channel.handledOneByOne);
    }

    @Test
    void aPoisonRecordSendsTheBatchOneByOneTheGoodAreAcknowledgedAndThePoisonDeadLettered() {
        Channel channel = new Channel();
        List<String> handledInBatch = new ArrayList<>();
        batches.handle(channel, batch, List.of(record("a"), record("poison"), record("c")),
                handleAll(handledInBatch)).toCompletableFuture().join();
        assertEquals(List.of("a"), handledInBatch, "the batch stopped at the poison and was rolled back");
        assertEquals(List.of("a", "c"), channel.handledOneByOne);
        assertEquals(List.of("ack a", "nack poison", "ack c"), outcomes, "the batch itself is not acknowledged");
        assertEquals(EventJson.MalformedEventException.class, nackReasons.get(0).getClass());
        assertEquals(1.0, registry.counter("qunguan.consumer.batch.fallbacks", "consumer", "messages").count());
    }

    @Test
    void anOutageIsWaitedOutForTheWholeBatchWithoutFallingBackOrDeadLettering() {
        Channel channel = new Channel();
        AtomicInteger attempts = new AtomicInteger();
        List<String> handled = new ArrayList<>();
        RuntimeException databaseDown = new IllegalStateException("commit failed",
                new SQLException("Connection refused", "08001"));
        batches.handle(channel, batch, List.of(record("a"), record("b")), values -> {
            if (attempts.incrementAndGet() <= 5) {
                throw databaseDown;
            }
            handleAll(handled).accept(values);
        }).toCompletableFuture().join();
        assertEquals(6, attempts.get());
        assertEquals(6, transactions.get(), "each attempt in a transaction of its own");
        assertEquals(List.of("a", "b"), handled);
        assertEquals(List.of("ack batch"), outcomes);
        assertEquals(List.of(), channel.handledOneByOne);
        assertEquals(0.0, registry.counter("qunguan.consumer.batch.fallbacks", "consumer", "messages").count());
    }

    @Test
    void aBugThatFailsEveryRecordDeadLettersEachAfterItsAttempts() {
        AtomicInteger calls = new AtomicInteger();
        Channel channel = new Channel() {
            @Override
            public void consume(byte[] value) {
                retries.run(channel(), () -> {
                    calls.incrementAndGet();
                    throw new IllegalArgumentException("no such rule");
                });
            }
        };
        IllegalArgumentException bug = new IllegalArgumentException("no such rule");
        batches.handle(channel, batch, List.of(record("a"), record("b")), values -> {
            throw bug;
        }).toCompletableFuture().join();
        assertEquals(List.of("nack a", "nack b"), outcomes);
        assertEquals(2 * RecordRetries.ATTEMPTS, calls.get(), "each record tried its attempts, one by one");
        assertSame(IllegalArgumentException.class, nackReasons.get(1).getClass());
    }
}
