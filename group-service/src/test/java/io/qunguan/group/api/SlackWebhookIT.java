package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.MessageRecalled;
import io.qunguan.events.Topics;
import io.qunguan.group.domain.WebhookDelivery;
import io.qunguan.platforms.slack.SlackEvents;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Slack Events API over HTTP against a real broker and database (reference cases 7, 9, 14, 17–19, 21, 37). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class SlackWebhookIT extends KafkaProbing {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    static Response post(String body, String secret, long timestamp, int retry) {
        String ts = Long.toString(timestamp);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = given().contentType("application/json").header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackEvents.sign(secret, ts, bytes));
        if (retry > 0) {
            request.header("X-Slack-Retry-Num", retry).header("X-Slack-Retry-Reason", "http_timeout");
        }
        return request.body(bytes).post("/webhooks/slack");
    }

    static Response post(String body) {
        return post(body, SECRET, now(), 0);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static String callback(String eventId, String event) {
        return """
                {"token":"legacy","team_id":"T0QUNGUAN","api_app_id":"A1","type":"event_callback",
                 "event_id":"%s","event_time":%d,"event":%s}""".formatted(eventId, now(), event);
    }

    static String message(String channel, String ts, String text) {
        return """
                {"type":"message","channel":"%s","user":"U0ZHANG","text":"%s","ts":"%s","channel_type":"channel"}"""
                .formatted(channel, text, ts);
    }

    private List<EventEnvelope<EventPayload>> eventsOf(String topic, String channel, String lastText) {
        return probe.eventsThrough(topic, event -> event.data() instanceof MessagePosted message
                && message.chatId().equals(channel) && message.text().equals(lastText), Duration.ofSeconds(15))
                .stream().filter(event -> event.subject().equals("slack:" + channel)).toList();
    }

    @Test
    void urlVerificationEchoesTheChallenge() {
        post("{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}").then().statusCode(200)
                .body("challenge", equalTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    @Test
    void messagesWithMentionsThreadsAndRetriesBecomeOneEventEach() {
        String channel = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String first = callback("Ev1" + UUID.randomUUID(), message(channel, "1763600000.000100",
                "<@U0LI> 请确认预算"));
        post(first).then().statusCode(200);
        post(first, SECRET, now(), 1).then().statusCode(200);
        post(first, SECRET, now(), 2).then().statusCode(200);
        // the same message under another event id is the same message
        post(first.replace("\"event_id\":\"Ev1", "\"event_id\":\"Ev9")).then().statusCode(200);
        String reply = callback("Ev2" + UUID.randomUUID(), message(channel, "1763600001.000200", "收到")
                .replace("\"channel_type\"", "\"thread_ts\":\"1763600000.000100\",\"channel_type\""));
        post(reply).then().statusCode(200);

        List<EventEnvelope<EventPayload>> events = eventsOf(Topics.IM_MESSAGES, channel, "收到");
        assertEquals(2, events.size());
        MessagePosted asked = (MessagePosted) events.get(0).data();
        assertEquals(List.of("U0LI"), asked.mentions());
        assertEquals(MessageKind.TEXT, asked.kind());
        assertNull(asked.replyTo());
        assertEquals(Instant.ofEpochSecond(1763600000, 100_000), asked.sentAt().toInstant());
        assertEquals("1763600000.000100", ((MessagePosted) events.get(1).data()).replyTo());
    }

    @Test
    void deletionAndMembershipAreNormalised() {
        String channel = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        post(callback("Ev3" + UUID.randomUUID(), """
                {"type":"message","subtype":"message_deleted","channel":"%s","ts":"1763600002.000300",
                 "deleted_ts":"1763600000.000100","hidden":true}""".formatted(channel))).then().statusCode(200);
        post(callback("Ev4" + UUID.randomUUID(), """
                {"type":"member_joined_channel","user":"U0WANG","channel":"%s","channel_type":"C","team":"T0QUNGUAN",
                 "inviter":"U0ZHANG","event_ts":"1763600003.000400"}""".formatted(channel))).then().statusCode(200);
        post(callback("Ev5" + UUID.randomUUID(), message(channel, "1763600004.000500", "done"))).then().statusCode(200);

        List<EventEnvelope<EventPayload>> messages = eventsOf(Topics.IM_MESSAGES, channel, "done");
        assertEquals("1763600000.000100", ((MessageRecalled) messages.get(0).data()).messageId());
        MemberJoined joined = (MemberJoined) probe.eventsThrough(Topics.IM_MEMBERS,
                event -> event.subject().equals("slack:" + channel), Duration.ofSeconds(15))
                .stream().filter(event -> event.subject().equals("slack:" + channel)).findFirst().orElseThrow().data();
        assertEquals("U0WANG", joined.memberId());
        assertEquals("U0ZHANG", joined.invitedBy());
    }

    @Test
    void unknownEventTypesAreAcknowledgedAndStoredRaw() {
        String id = "Ev6" + UUID.randomUUID();
        post(callback(id, "{\"type\":\"reaction_added\",\"user\":\"U0ZHANG\",\"reaction\":\"thumbsup\"}"))
                .then().statusCode(200);
        post("{\"type\":\"app_rate_limited\",\"team_id\":\"T0QUNGUAN\",\"minute_rate_limited\":1518467820,"
                + "\"api_app_id\":\"A1\",\"event_id\":\"" + id + "x\"}").then().statusCode(200);
        List<String> types = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery
                .<WebhookDelivery>list("platform = 'slack' and key like ?1 order by type", "%" + id + "%"))
                .stream().map(delivery -> delivery.type).toList();
        assertEquals(List.of("app_rate_limited", "reaction_added"), types);
    }

    @Test
    void refusalsPublishNothing() {
        String channel = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String body = callback("Ev7" + UUID.randomUUID(), message(channel, "1763600005.000600", "不应发布"));
        post(body, "wrong-secret", now(), 0).then().statusCode(401).body("error", equalTo("invalid signature"));
        post(body, SECRET, now() - 301, 0).then().statusCode(401);
        // whole seconds: 301 s ahead can be 300 s on the server a second later
        post(body, SECRET, now() + 305, 0).then().statusCode(401);
        // the signature covers the raw bytes: the same JSON re-serialised does not verify
        String ts = Long.toString(now());
        given().contentType("application/json").header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackEvents.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
                .body(body.replace(", ", ",").replace("\n", "")).post("/webhooks/slack").then().statusCode(401);
        // another workspace's event, properly signed with this app's secret
        post(body.replace("T0QUNGUAN", "T0OTHER")).then().statusCode(401);
        post("{not json").then().statusCode(400);
        post("[" .repeat(5000) + "]".repeat(5000)).then().statusCode(400);
        given().contentType("text/plain").body("x").post("/webhooks/slack").then().statusCode(415);
        given().get("/webhooks/slack").then().statusCode(405);
        // the previous secret still verifies during a rotation
        post(callback("Ev8" + UUID.randomUUID(), message(channel, "1763600006.000700", "旧密钥")),
                "old-slack-signing-secret", now(), 0).then().statusCode(200);

        List<EventEnvelope<EventPayload>> events = eventsOf(Topics.IM_MESSAGES, channel, "旧密钥");
        assertEquals(1, events.size(), "only the message signed with a known secret is published");
    }
}
