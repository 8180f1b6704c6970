package io.qunguan.group.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.qunguan.events.EventJson;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Topics;
import io.qunguan.testkit.BridgeClient;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * With tracing on (the OpenTelemetry SDK, sampling nothing so that nothing is exported), a webhook's trace context
 * reaches the record it becomes: the platform's (or the ingress's) {@code traceparent} is the parent of the webhook's
 * span, and that span's context is the record's header, which moderation, notification and reporting go on from.
 */
@QuarkusTest
@TestProfile(WebhookTraceIT.Tracing.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class WebhookTraceIT {

    public static class Tracing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.sampler", "always_off");
        }
    }

    private static final String SECRET = "test-secret-current";

    @TestHTTPResource("/")
    URI base;

    @Test
    void aWebhooksTraceContextIsTheParentOfTheRecordItIsPublishedAs() throws IOException, InterruptedException {
        String chat = "chat-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String body = BridgeClient.message("m-" + UUID.randomUUID(), chat, "u-zhang", "市场部-张三", "今天下午三点开会");
        String baseUrl = "http://" + base.getHost() + ":" + base.getPort();
        HttpRequest request = HttpRequest.newBuilder(BridgeClient.webhook(baseUrl, body, SECRET), (name, value) -> true)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());

        try (KafkaProbe probe = KafkaResource.probe()) {
            ConsumerRecord<String, byte[]> record = probe.recordsThrough(Topics.IM_MESSAGES, each -> EventJson.read(
                    each.value()).data() instanceof MessagePosted posted && posted.chatId().equals(chat),
                    Duration.ofSeconds(15)).getLast();
            String traceParent = KafkaProbe.header(record, "traceparent");
            assertNotNull(traceParent, "the record carries no trace context");
            assertEquals(traceId, traceParent.split("-")[1], "the webhook's trace");
            assertNotEquals("00f067aa0ba902b7", traceParent.split("-")[2], "a span of group-service's own");
        }
    }
}
