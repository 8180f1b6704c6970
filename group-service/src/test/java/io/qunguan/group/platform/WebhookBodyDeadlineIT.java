package io.qunguan.group.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The body deadline of the webhooks, a second here: a client that sends its headers and holds back its body is
 * answered 408 and let go, and its admission slot is free again; a client that sends its body in time is not cut.
 */
@QuarkusTest
@TestProfile(WebhookBodyDeadlineIT.OneSecond.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class WebhookBodyDeadlineIT {

    public static class OneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qunguan.webhooks.body-deadline", "1s");
        }
    }

    private static final String TIMEOUTS = "qunguan_webhooks_body_timeouts_total";
    private static final String IN_FLIGHT = "qunguan_webhooks_in_flight";

    @TestHTTPResource("/webhooks/generic")
    URI url;

    @Test
    void aWebhookWhoseBodyDoesNotArriveInTimeIsAnswered408AndGivesItsSlotBack() {
        String chat = "chat-" + UUID.randomUUID();
        double before = WebhookAdmissionIT.metric(TIMEOUTS, null);
        try (WebhookAdmissionIT.HeldWebhook held = WebhookAdmissionIT.HeldWebhook.open(url,
                WebhookAdmissionIT.message("m-slow", chat, "慢慢发"))) {
            // read without sending the rest: the answer comes from the deadline, not from the body
            assertEquals(408, held.status());
        }
        assertEquals(before + 1, WebhookAdmissionIT.metric(TIMEOUTS, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> WebhookAdmissionIT.metric(IN_FLIGHT, null) == 0);

        try (WebhookAdmissionIT.HeldWebhook inTime = WebhookAdmissionIT.HeldWebhook.open(url,
                WebhookAdmissionIT.message("m-in-time", chat, "按时发"))) {
            assertEquals(200, inTime.finish(), "a body sent at once is not cut");
        }
        assertEquals(before + 1, WebhookAdmissionIT.metric(TIMEOUTS, null));
    }
}
