package io.qunguan.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.Severity;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Violations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * libs/eventing's outbox relay in a service (reporting-service, whose own outbox is otherwise empty) against real
 * PostgreSQL and Kafka: a row the broker refuses for good is parked and does not hold back the rows behind it, and
 * relays of several replicas together keep each group's events in the order they were written.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class OutboxRelayIT {

    @Inject
    Outbox outbox;
    @Inject
    EventPublisher publisher;
    @Inject
    EventingConfig config;
    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry registry;

    private KafkaProbe probe;

    @BeforeEach
    void probe() {
        probe = KafkaResource.probe();
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private static EventEnvelope<ViolationOpened> violation(String chat, String evidence) {
        return EventEnvelope.fresh("/test", Violations.inChat(chat, "u-1", "CT-6", "gambling", Severity.HIGH,
                evidence, "WARNING"));
    }

    @Test
    void aRowTooLargeForKafkaIsParkedWithItsReasonAndTheRowsBehindItArePublished() throws Exception {
        String chat = "generic:big-" + UUID.randomUUID();
        EventEnvelope<ViolationOpened> tooLarge = violation(chat, "网".repeat(600_000));
        EventEnvelope<ViolationOpened> behind = violation(chat, "周末一起网赌");
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.add(tooLarge);
            outbox.add(behind);
        });

        List<EventEnvelope<EventPayload>> published = probe.eventsThrough(Topics.MODERATION_VIOLATIONS,
                event -> event.id().equals(behind.id()), Duration.ofSeconds(30));
        assertTrue(published.stream().noneMatch(event -> event.id().equals(tooLarge.id())));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT reason FROM outbox_parked WHERE event_id = ?")) {
            select.setObject(1, tooLarge.id());
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next(), "the refused row is parked");
                assertTrue(rows.getString(1).contains("RecordTooLargeException"), rows.getString(1));
            }
        }
        assertTrue(registry.counter("qunguan.outbox.parked").count() >= 1);
    }

    @Test
    void theOutboxAgeGaugeShowsHowLongTheOldestUnrelayedEventHasWaitedAndFallsToZeroOnceItIsRelayed() throws Exception {
        String chat = "generic:age-" + UUID.randomUUID();
        EventEnvelope<ViolationOpened> waiting = violation(chat, "周末一起网赌");
        try (Connection holder = dataSource.getConnection()) {
            // the relays' lock, held here: no relay of this service sends while the test looks at the gauge
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            QuarkusTransaction.requiringNew().run(() -> outbox.add(waiting));
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement age = connection.prepareStatement(
                         "UPDATE outbox_event SET created_at = now() - interval '10 minutes' WHERE event_id = ?")) {
                age.setObject(1, waiting.id());
                assertEquals(1, age.executeUpdate());
            }
            double oldest = registry.get("qunguan.outbox.oldest.seconds").gauge().value();
            assertTrue(oldest >= 600 && oldest < 900, "oldest " + oldest + " s");
            holder.rollback();
        }
        probe.eventsThrough(Topics.MODERATION_VIOLATIONS, event -> event.id().equals(waiting.id()),
                Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> registry.get("qunguan.outbox.oldest.seconds").gauge().value() == 0);
    }

    @Test
    void relaysOfThreeReplicasTogetherKeepEachGroupsEventsInTheOrderTheyWereWritten() throws Exception {
        List<String> chats = IntStream.range(0, 3).mapToObj(i -> "generic:order-" + i + "-" + UUID.randomUUID())
                .toList();
        List<EventEnvelope<ViolationOpened>> written = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (String chat : chats) {
                written.add(violation(chat, "第" + i + "条"));
            }
        }
        // two more relays beside the service's own, each taking three rows at a time
        EventingConfig smallBatches = new SmallBatches(config);
        List<OutboxRelay> relays = List.of(new OutboxRelay(dataSource, publisher, smallBatches, registry),
                new OutboxRelay(dataSource, publisher, smallBatches, registry));
        AtomicBoolean allWritten = new AtomicBoolean();
        ExecutorService replicas = Executors.newFixedThreadPool(relays.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (OutboxRelay replica : relays) {
                running.add(replicas.submit(() -> Awaitility.await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(1)).until(() -> replica.relayBatch() == 0 && allWritten.get() && outboxEmpty())));
            }
            // written in small transactions while the relays run, as a busy service writes them
            for (int i = 0; i < written.size(); i += 5) {
                List<EventEnvelope<ViolationOpened>> slice = written.subList(i, Math.min(written.size(), i + 5));
                QuarkusTransaction.requiringNew().run(() -> slice.forEach(outbox::add));
            }
            allWritten.set(true);
            for (Future<?> replica : running) {
                replica.get();
            }
        } finally {
            replicas.shutdownNow();
        }

        for (String chat : chats) {
            List<String> expected = written.stream().filter(event -> event.subject().equals(chat))
                    .map(event -> event.id().toString()).toList();
            String last = expected.get(expected.size() - 1);
            List<String> published = probe.eventsThrough(Topics.MODERATION_VIOLATIONS,
                    event -> event.id().toString().equals(last), Duration.ofSeconds(30)).stream()
                    .filter(event -> event.subject().equals(chat)).map(event -> event.id().toString())
                    .collect(Collectors.toList());
            assertEquals(expected, published.stream().distinct().toList(), "the order of " + chat);
        }
    }

    private boolean outboxEmpty() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM outbox_event");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1) == 0;
        }
    }

    /** The service's settings, three rows a batch. */
    private record SmallBatches(EventingConfig config) implements EventingConfig {
        @Override
        public Optional<String> topicPrefix() {
            return config.topicPrefix();
        }

        @Override
        public Duration sendTimeout() {
            return config.sendTimeout();
        }

        @Override
        public Duration relayInterval() {
            return config.relayInterval();
        }

        @Override
        public int relayBatchSize() {
            return 3;
        }

        @Override
        public Duration outboxMaxAge() {
            return config.outboxMaxAge();
        }

        @Override
        public Duration deadLetterCountInterval() {
            return config.deadLetterCountInterval();
        }

        @Override
        public Duration processedRetention() {
            return config.processedRetention();
        }

        @Override
        public Duration processedPurgeInterval() {
            return config.processedPurgeInterval();
        }
    }
}
