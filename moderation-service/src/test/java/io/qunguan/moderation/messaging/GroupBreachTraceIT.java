package io.qunguan.moderation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.PolicyBreachFound;
import io.qunguan.events.Topics;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * With tracing on (the OpenTelemetry SDK, sampling nothing so that nothing is exported), a consumer of one record at a
 * time hands its record's trace on too: a breach's {@code traceparent} reaches the violation it becomes, through the
 * connector's span and the outbox. (The im.messages consumers, which take batches, are {@code MessageConsumerIT}'s.)
 */
@QuarkusTest
@TestProfile(GroupBreachTraceIT.Tracing.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class GroupBreachTraceIT {

    public static class Tracing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.sampler", "always_off");
        }
    }

    @Test
    void aBreachsTraceContextReachesTheViolationItBecomes() {
        String group = "G-" + UUID.randomUUID();
        String member = "u-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/group-service", new PolicyBreachFound(UUID.randomUUID(), "MB-3", group,
                    "generic:" + UUID.randomUUID(), member, null, member, "nickname 王五 does not follow 部门-姓名",
                    "CHECK", OffsetDateTime.now(ZoneOffset.UTC))),
                    Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"));
            ConsumerRecord<String, byte[]> record = probe.recordsThrough(Topics.MODERATION_VIOLATIONS,
                    each -> new String(each.value(), StandardCharsets.UTF_8).contains(member), Duration.ofSeconds(20))
                    .getLast();
            String traceParent = KafkaProbe.header(record, "traceparent");
            assertNotNull(traceParent, "the violation's record carries no trace context");
            assertEquals(traceId, traceParent.split("-")[1], "the breach's trace");
        }
    }
}
