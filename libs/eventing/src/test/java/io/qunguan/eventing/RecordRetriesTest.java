package io.qunguan.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qunguan.events.EventJson;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordRetriesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordRetries retries = new RecordRetries(registry, Duration.ofMillis(1), Duration.ofMillis(4));

    private static RuntimeException databaseDown() {
        return new IllegalStateException("commit failed", new SQLException("Connection refused", "08001"));
    }

    @Test
    void anOutageIsWaitedOutHoweverManyAttemptsItTakesAndNothingIsThrown() {
        AtomicInteger calls = new AtomicInteger();
        retries.run("messages", () -> {
            if (calls.incrementAndGet() <= 20) {
                throw databaseDown();
            }
        });
        assertEquals(21, calls.get(), "twenty failed attempts, then the record was handled");
        assertEquals(1.0, registry.counter("qunguan.consumer.transient.failures", "consumer", "messages").count(),
                "one outage");
        assertEquals(0.0, registry.get("qunguan.consumer.waiting.seconds").tag("consumer", "messages").gauge().value(),
                "no longer waiting");
    }

    @Test
    void anotherFailureIsTriedThreeTimesAndThenThrownForTheDeadLetterTopic() {
        AtomicInteger calls = new AtomicInteger();
        IllegalArgumentException bug = new IllegalArgumentException("no such rule");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> retries.run("messages", () -> {
            calls.incrementAndGet();
            throw bug;
        }));
        assertSame(bug, thrown);
        assertEquals(RecordRetries.ATTEMPTS, calls.get());
    }

    @Test
    void aMalformedOrRefusedRecordIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(EventJson.MalformedEventException.class, () -> retries.run("messages", () -> {
            calls.incrementAndGet();
            throw new EventJson.MalformedEventException("not JSON");
        }));
        assertThrows(UnsupportedOperationException.class, () -> retries.run("personnel", () -> {
            calls.incrementAndGet();
            throw new UnsupportedOperationException("unknown department");
        }, UnsupportedOperationException.class));
        assertEquals(2, calls.get());
    }

    @Test
    void anOutageThenABugCountsOnlyTheBugsAttempts() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(IllegalArgumentException.class, () -> retries.run("messages", () -> {
            if (calls.incrementAndGet() <= 5) {
                throw databaseDown();
            }
            throw new IllegalArgumentException("no such rule");
        }));
        assertEquals(5 + RecordRetries.ATTEMPTS, calls.get());
    }
}
