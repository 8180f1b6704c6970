package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Topics;
import io.qunguan.group.domain.WebhookDelivery;
import io.qunguan.platforms.generic.GenericSignatureVerifier;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.OversizedRequest;
import io.qunguan.testkit.PostgresResource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The generic signed webhook against a real broker: signature, validation, limits, acknowledgement. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class GenericWebhookIT extends KafkaProbing {

    @TestHTTPResource("/webhooks/generic")
    URI url;

    static String body(String id, String chat, String text) {
        return """
                {"id":"%s","type":"message","chat":{"id":"%s","name":"市场部-新品推广组"},
                 "sender":{"id":"u-zhang","name":"市场部-张三"},"kind":"text","text":"%s",
                 "sentAt":"2026-11-20T09:30:00+08:00","mentions":["u-li"]}""".formatted(id, chat, text);
    }

    static String signature(String secret, String timestamp, String body) {
        return "v1=" + HexFormat.of().formatHex(GenericSignatureVerifier.sign(
                secret.getBytes(StandardCharsets.UTF_8), timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static io.restassured.response.Response post(String body, String secret, long timestamp) {
        String ts = Long.toString(timestamp);
        return given().contentType("application/json")
                .header("X-Qunguan-Timestamp", ts)
                .header("X-Qunguan-Signature", signature(secret, ts, body))
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/webhooks/generic");
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void signedMessageIsPublishedBeforeTheAnswer() {
        String chat = "chat-" + UUID.randomUUID();
        post(body("m-1", chat, "收到，马上执行"), "test-secret-current", now())
                .then().statusCode(200).body("accepted", equalTo(true));

        List<EventEnvelope<EventPayload>> events = probe.eventsThrough(Topics.IM_MESSAGES,
                event -> event.subject().equals("generic:" + chat), Duration.ofSeconds(10)).stream()
                .filter(event -> event.subject().equals("generic:" + chat)).toList();
        assertEquals(1, events.size());
        MessagePosted message = (MessagePosted) events.get(0).data();
        assertEquals("收到，马上执行", message.text());
        assertEquals(MessageKind.TEXT, message.kind());
        assertEquals(List.of("u-li"), message.mentions());
        assertEquals("市场部-张三", message.senderName());
    }

    @Test
    void previousSecretIsAcceptedDuringRotation() {
        post(body("m-rot", "chat-rot", "hi"), "test-secret-previous", now()).then().statusCode(200);
    }

    @Test
    void redeliveryKeepsTheSameEventId() {
        String chat = "chat-" + UUID.randomUUID();
        String first = post(body("m-dup", chat, "重复"), "test-secret-current", now()).then().statusCode(200)
                .extract().path("eventId");
        String second = post(body("m-dup", chat, "重复"), "test-secret-current", now()).then().statusCode(200)
                .extract().path("eventId");
        assertEquals(first, second);
    }

    @Test
    void badOrMissingSignatureOrStaleTimestampIs401AndPublishesNothing() {
        String chat = "chat-" + UUID.randomUUID();
        String body = body("m-bad", chat, "hi");
        post(body, "wrong-secret", now()).then().statusCode(401).body("error", equalTo("invalid signature"));
        post(body, "test-secret-current", now() - 301).then().statusCode(401);
        // whole seconds: 301 s ahead can be 300 s on the server a second later
        post(body, "test-secret-current", now() + 305).then().statusCode(401);
        given().contentType("application/json").body(body).post("/webhooks/generic").then().statusCode(401);
        String ts = Long.toString(now());
        String tampered = body.replace("hi", "hj");
        given().contentType("application/json").header("X-Qunguan-Timestamp", ts)
                .header("X-Qunguan-Signature", signature("test-secret-current", ts, body))
                .body(tampered).post("/webhooks/generic").then().statusCode(401);

        // a signed message of the chat last: a refused one, had it been published, comes before it
        post(body("m-good", chat, "marker"), "test-secret-current", now()).then().statusCode(200);
        List<String> published = probe.eventsThrough(Topics.IM_MESSAGES, event -> event.data()
                instanceof MessagePosted message && message.chatId().equals(chat) && message.text().equals("marker"),
                Duration.ofSeconds(10)).stream().filter(event -> event.subject().equals("generic:" + chat))
                .map(event -> ((MessagePosted) event.data()).text()).toList();
        assertEquals(List.of("marker"), published, "a refused webhook must publish nothing");
    }

    @Test
    void malformedJsonAndMissingFieldsAre400WithAReason() {
        post("{not json", "test-secret-current", now()).then().statusCode(400)
                .body("error", equalTo("body is not valid JSON"));
        post("{\"id\":\"x\",\"type\":\"message\",\"chat\":{\"id\":\"c\"},\"kind\":\"text\",\"text\":\"t\","
                + "\"sentAt\":\"2026-11-20T09:30:00+08:00\"}", "test-secret-current", now())
                .then().statusCode(400).body("error", equalTo("missing field: sender.id"));
        post(body("m-x", "c", "t").replace("2026-11-20T09:30:00+08:00", "yesterday"), "test-secret-current", now())
                .then().statusCode(400).body("error", containsString("sentAt"));
        post("{\"id\":\"x\",\"type\":\"poll\",\"chat\":{\"id\":\"c\"}}", "test-secret-current", now())
                .then().statusCode(400).body("error", containsString("unsupported type 'poll'"));
    }

    @Test
    void oversizedBodyIs413AndWrongContentTypeIs415() {
        assertEquals(413, OversizedRequest.status(url, "application/json", 1024 * 1024 + 1));
        String ts = Long.toString(now());
        given().contentType("text/plain").header("X-Qunguan-Timestamp", ts)
                .header("X-Qunguan-Signature", signature("test-secret-current", ts, "x"))
                .body("x").post("/webhooks/generic").then().statusCode(415);
    }

    private static void claimLeftBehind(String id, String claimedAgo) {
        QuarkusTransaction.requiringNew().run(() -> WebhookDelivery.getEntityManager().createNativeQuery("""
                        INSERT INTO webhook_delivery (delivery_key, platform, event_type, event_count, published,
                                                      received_at)
                        VALUES (?1, 'generic', 'message', 1, FALSE, now() - CAST(?2 AS interval))""")
                .setParameter(1, "generic::" + id).setParameter(2, claimedAgo).executeUpdate());
    }

    @Test
    void aClaimLeftByAnInstanceThatCrashedBeforeItPublishedIsTakenOverByTheRedelivery() {
        // an instance claimed the delivery an hour ago and died before it published
        String chat = "chat-" + UUID.randomUUID();
        String crashed = "m-crashed-" + UUID.randomUUID();
        claimLeftBehind(crashed, "1 hour");
        post(body(crashed, chat, "崩溃后重投"), "test-secret-current", now()).then().statusCode(200)
                .body("accepted", equalTo(true));
        MessagePosted taken = (MessagePosted) probe.eventsThrough(Topics.IM_MESSAGES,
                event -> event.subject().equals("generic:" + chat), Duration.ofSeconds(10)).getLast().data();
        assertEquals("崩溃后重投", taken.text());
        // (a redelivery racing a live first delivery waits for it: WeComWebhookIT's concurrent deliveries)
    }

    @Test
    void membershipEventsGoToImMembers() {
        String chat = "chat-" + UUID.randomUUID();
        String body = """
                {"id":"j-1","type":"member_joined","chat":{"id":"%s"},"member":{"id":"u-w","name":"技术部-王五"},
                 "operator":{"id":"u-zhang"},"at":"2026-11-20T10:00:00+08:00"}""".formatted(chat);
        post(body, "test-secret-current", now()).then().statusCode(200);
        MemberJoined joined = probe.eventsThrough(Topics.IM_MEMBERS,
                event -> event.subject().equals("generic:" + chat), Duration.ofSeconds(10)).stream()
                .filter(event -> event.subject().equals("generic:" + chat))
                .map(event -> (MemberJoined) event.data()).findFirst().orElseThrow();
        assertEquals("u-w", joined.memberId());
        assertEquals("u-zhang", joined.invitedBy());
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("kafka-cluster"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/webhooks/generic"));
    }
}
