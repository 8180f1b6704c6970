package io.qunguan.moderation.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresOutageResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL taken away from moderation-service (every connection closed, new ones refused, as in a restart) while
 * messages arrive: the consumer waits, and once the database is back every message is judged once and none is in
 * the dead-letter topic. Before, three quick retries sent such messages to the dead-letter topic, where nothing read
 * them back.
 */
@QuarkusTest
@WithTestResource(PostgresOutageResource.class)
@WithTestResource(KafkaResource.class)
class DatabaseOutageIT {

    @Inject
    MeterRegistry registry;
    @Inject
    EntityManager entities;

    private KafkaProbe probe;
    private Fixtures fixtures;

    @BeforeEach
    void probe() {
        probe = KafkaResource.probe();
        fixtures = new Fixtures(probe, entities);
    }

    @AfterEach
    void close() {
        PostgresOutageResource.proxy().restore();
        probe.close();
    }

    private double transientFailures() {
        Counter counter = registry.find("qunguan.consumer.transient.failures").tag("consumer", "messages").counter();
        return counter == null ? 0 : counter.count();
    }

    private double waitingSeconds() {
        Gauge gauge = registry.find("qunguan.consumer.waiting.seconds").tag("consumer", "messages").gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private static EventEnvelope<MessagePosted> gambling(String group, String text) {
        return Fixtures.message(group, "u-" + UUID.randomUUID(), MessageKind.TEXT, text,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Test
    void messagesThatArriveWhilePostgresIsAwayAreJudgedOnceItIsBackAndNoneIsDeadLettered() {
        String group = "generic:" + UUID.randomUUID();
        EventEnvelope<MessagePosted> before = gambling(group, "周末一起网赌");
        probe.publish(before);
        fixtures.violationsOf(group, 1, Duration.ofSeconds(30));
        double failuresBefore = transientFailures();

        PostgresOutageResource.proxy().cut();
        List<String> during = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                EventEnvelope<MessagePosted> message = gambling(group, "第" + i + "次：今晚网上赌博");
                during.add(message.data().messageId());
                probe.publish(message);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> transientFailures() > failuresBefore);
            // the outage lasts a few backoff rounds, longer than the three quick retries of before
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingSeconds() >= 4);
        } finally {
            PostgresOutageResource.proxy().restore();
        }

        EventEnvelope<MessagePosted> marker = gambling(group, "结束：有人去网赌吗");
        probe.publish(marker);
        List<ViolationOpened> violations = fixtures.violationsUntil(group, marker);
        List<String> judged = violations.stream().map(ViolationOpened::messageId).toList();
        List<String> expected = new ArrayList<>(List.of(before.data().messageId()));
        expected.addAll(during);
        assertEquals(expected, judged, "each message judged once, in order");
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingSeconds() == 0);

        // a poison record last: anything of the group's dead-lettered before it would be read first
        String poison = "{poison after the outage " + UUID.randomUUID();
        probe.publishRaw(Topics.IM_MESSAGES, group, poison.getBytes(StandardCharsets.UTF_8));
        var dead = probe.recordsThrough(Topics.deadLetter("moderation-service", "messages"),
                record -> group.equals(record.key()) && poison.equals(new String(record.value(),
                        StandardCharsets.UTF_8)), Duration.ofSeconds(30));
        assertEquals(1, dead.stream().filter(record -> group.equals(record.key())).count(),
                "nothing of the outage was dead-lettered");
    }
}
