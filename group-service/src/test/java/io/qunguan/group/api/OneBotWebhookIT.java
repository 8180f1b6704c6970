package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MemberLeft;
import io.qunguan.events.MemberRenamed;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.MessageRecalled;
import io.qunguan.events.Topics;
import io.qunguan.group.domain.WebhookDelivery;
import io.qunguan.platforms.onebot.OneBotEvents;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** OneBot v11 (signed) and v12 (bearer) reports over HTTP against a real broker and database (reference case 13 and C). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class OneBotWebhookIT extends KafkaProbing {

    static final String SECRET = "onebot-secret";

    static Response post(String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").header("X-Self-ID", "10000")
                .header("X-Signature", OneBotEvents.sign(secret, bytes)).body(bytes).post("/webhooks/onebot");
    }

    static Response post(String body) {
        return post(body, SECRET);
    }

    static Response postV12(String body, String token) {
        return given().contentType("application/json").header("X-OneBot-Version", "12").header("X-Impl", "walle")
                .header("Authorization", "Bearer " + token).body(body).post("/webhooks/onebot/v12");
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static String newGroup() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    }

    static String groupMessage(String group, long messageId, String message) {
        return """
                {"time":%d,"self_id":10000,"post_type":"message","message_type":"group","sub_type":"normal",
                 "message_id":%d,"group_id":%s,"user_id":20001,"anonymous":null,"message":%s,"raw_message":"",
                 "font":0,"sender":{"user_id":20001,"nickname":"阿三","card":"销售部-张三","role":"member"}}"""
                .formatted(now(), messageId, group, message);
    }

    static String notice(String group, String type, String fields) {
        return """
                {"time":%d,"self_id":10000,"post_type":"notice","notice_type":"%s","group_id":%s%s}"""
                .formatted(now(), type, group, fields);
    }

    private List<EventPayload> eventsOf(String topic, String group, java.util.function.Predicate<EventPayload> last) {
        return probe.eventsThrough(topic, event -> event.subject().equals("onebot:" + group) && last.test(event.data()),
                Duration.ofSeconds(15)).stream().filter(event -> event.subject().equals("onebot:" + group))
                .map(EventEnvelope::data).toList();
    }

    @Test
    void groupMessagesFromSegmentsAndCqCodesOnceEach() {
        String group = newGroup();
        String segments = groupMessage(group, -2147483000L, """
                [{"type":"reply","data":{"id":"1234"}},{"type":"at","data":{"qq":"20002"}},
                 {"type":"text","data":{"text":" 明天的会改到三点"}},{"type":"at","data":{"qq":"all"}}]""");
        post(segments).then().statusCode(204);
        post(segments).then().statusCode(204);
        post(groupMessage(group, 5002, "\"[CQ:reply,id=5001]加我vx&#44;返利 [CQ:at,qq=20003] [CQ:image,file=a.jpg]\""))
                .then().statusCode(204);
        post(groupMessage(group, 5003, "[{\"type\":\"image\",\"data\":{\"file\":\"b.jpg\"}}]")).then().statusCode(204);

        List<EventPayload> events = eventsOf(Topics.IM_MESSAGES, group,
                event -> event instanceof MessagePosted posted && posted.messageId().equals("5003"));
        assertEquals(3, events.size(), events.toString());
        MessagePosted first = (MessagePosted) events.get(0);
        assertEquals("明天的会改到三点", first.text());
        assertEquals(List.of("20002"), first.mentions(), "@all is not a person");
        assertEquals("1234", first.replyTo());
        assertEquals("-2147483000", first.messageId(), "ids read as text: no int32 overflow");
        assertEquals("销售部-张三", first.senderName(), "the group card before the nickname");
        MessagePosted codes = (MessagePosted) events.get(1);
        assertEquals("加我vx,返利", codes.text());
        assertEquals(List.of("20003"), codes.mentions());
        assertEquals("5001", codes.replyTo());
        assertEquals(MessageKind.TEXT, codes.kind());
        assertEquals(MessageKind.IMAGE, ((MessagePosted) events.get(2)).kind());
    }

    @Test
    void noticesBecomeMembershipAndRecallEvents() {
        String group = newGroup();
        post(notice(group, "group_increase", ",\"sub_type\":\"invite\",\"user_id\":20004,\"operator_id\":20001"))
                .then().statusCode(204);
        post(notice(group, "group_card", ",\"user_id\":20004,\"card_new\":\"张三\",\"card_old\":\"\""))
                .then().statusCode(204);
        post(notice(group, "group_decrease", ",\"sub_type\":\"kick\",\"user_id\":20004,\"operator_id\":20001"))
                .then().statusCode(204);
        post(notice(group, "group_decrease", ",\"sub_type\":\"leave\",\"user_id\":20005,\"operator_id\":20005"))
                .then().statusCode(204);
        post(notice(group, "group_recall", ",\"user_id\":20001,\"operator_id\":20009,\"message_id\":777"))
                .then().statusCode(204);

        List<EventPayload> members = eventsOf(Topics.IM_MEMBERS, group,
                event -> event instanceof MemberLeft left && left.memberId().equals("20005"));
        assertEquals(4, members.size(), members.toString());
        assertEquals("20001", ((MemberJoined) members.get(0)).invitedBy());
        assertEquals("张三", ((MemberRenamed) members.get(1)).newName());
        assertEquals("20001", ((MemberLeft) members.get(2)).removedBy());
        assertNull(((MemberLeft) members.get(3)).removedBy());
        MessageRecalled recalled = (MessageRecalled) eventsOf(Topics.IM_MESSAGES, group,
                event -> event instanceof MessageRecalled).get(0);
        assertEquals("777", recalled.messageId());
        assertEquals("20009", recalled.recalledBy());
    }

    @Test
    void version12ReportsUseTheBearerToken() {
        String group = newGroup();
        String id = "ev-" + group;
        postV12("""
                {"id":"%s-1","time":%d.25,"type":"notice","detail_type":"group_member_increase","sub_type":"join",
                 "self":{"platform":"qq","user_id":"10001"},"group_id":"%s","user_id":"30001","operator_id":"30000"}"""
                .formatted(id, now(), group), "onebot-v12-token").then().statusCode(204);
        String message = """
                {"id":"%s-2","time":%d,"type":"message","detail_type":"group","sub_type":"",
                 "self":{"platform":"qq","user_id":"10001"},"message_id":"m-%s","group_id":"%s","user_id":"30001",
                 "message":[{"type":"mention","data":{"user_id":"30002"}},{"type":"text","data":{"text":" 周报已发"}}],
                 "alt_message":"@30002 周报已发"}""".formatted(id, now(), group, group);
        postV12(message, "onebot-v12-token").then().statusCode(204);
        // the token only in the header: one in the URL would be written to every proxy's access log
        given().contentType("application/json").queryParam("access_token", "onebot-v12-token").body(message)
                .post("/webhooks/onebot/v12").then().statusCode(401);
        postV12(message, "wrong-token").then().statusCode(401);
        given().contentType("application/json").body(message).post("/webhooks/onebot/v12").then().statusCode(401);

        List<EventPayload> messages = eventsOf(Topics.IM_MESSAGES, group, event -> event instanceof MessagePosted);
        assertEquals(1, messages.size());
        MessagePosted posted = (MessagePosted) messages.get(0);
        assertEquals("周报已发", posted.text());
        assertEquals(List.of("30002"), posted.mentions());
        MemberJoined joined = (MemberJoined) eventsOf(Topics.IM_MEMBERS, group, event -> true).get(0);
        assertEquals("30000", joined.invitedBy());
    }

    @Test
    void heartbeatsAreDroppedAndUnknownReportsStoredRaw() {
        post("{\"time\":" + now() + ",\"self_id\":10000,\"post_type\":\"meta_event\",\"meta_event_type\":\"heartbeat\","
                + "\"status\":{\"online\":true,\"good\":true},\"interval\":5000}").then().statusCode(204);
        String flag = "flag-" + newGroup();
        String request = "{\"time\":" + now() + ",\"self_id\":10000,\"post_type\":\"request\",\"request_type\":\"group\","
                + "\"sub_type\":\"add\",\"group_id\":1,\"user_id\":2,\"comment\":\"\",\"flag\":\"" + flag + "\"}";
        post(request).then().statusCode(204);
        post(request).then().statusCode(204);
        List<WebhookDelivery> stored = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery
                .<WebhookDelivery>list("platform = 'onebot' and raw like ?1", "%" + flag + "%"));
        assertEquals(1, stored.size());
        assertEquals("request.group", stored.get(0).type);
        long heartbeats = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery
                .count("platform = 'onebot' and raw like '%heartbeat%'"));
        assertEquals(0, heartbeats);
    }

    @Test
    void refusalsPublishNothing() {
        String group = newGroup();
        String body = groupMessage(group, 6001, "\"不应发布\"");
        // reference case 13: a secret is configured, so a report without a signature is refused
        given().contentType("application/json").body(body).post("/webhooks/onebot").then().statusCode(401);
        given().contentType("application/json").header("Authorization", "Bearer onebot-secret").body(body)
                .post("/webhooks/onebot").then().statusCode(401);
        post(body, "wrong-secret").then().statusCode(401);
        given().contentType("application/json").header("X-Signature", OneBotEvents.sign(SECRET,
                body.getBytes(StandardCharsets.UTF_8)).replace("sha1=", "sha256=")).body(body)
                .post("/webhooks/onebot").then().statusCode(401);
        // the signature covers the raw bytes: the same JSON re-serialised does not verify
        given().contentType("application/json").header("X-Signature", OneBotEvents.sign(SECRET,
                body.getBytes(StandardCharsets.UTF_8))).body(body.replace("\n", "").replace(", ", ","))
                .post("/webhooks/onebot").then().statusCode(401);
        post(body.replace("\"self_id\":10000", "\"self_id\":10099")).then().statusCode(401);
        // the time the report was made with, not now(): a second may have passed since
        long sent = Long.parseLong(body.replaceAll("(?s).*\"time\":(\\d+).*", "$1"));
        post(body.replace("\"time\":" + sent, "\"time\":" + (sent - 301))).then().statusCode(401);
        post(body.replace("\"time\":" + sent, "\"time\":\"soon\"")).then().statusCode(401);
        post("{not json").then().statusCode(400);
        post(groupMessage(group, 6002, "\"x\"").replace("\"message_id\":6002,", "")).then().statusCode(400);
        given().contentType("application/json").body("{}").post("/webhooks/onebot/nobody").then().statusCode(401);
        given().contentType("text/plain").body("x").post("/webhooks/onebot").then().statusCode(415);
        given().get("/webhooks/onebot").then().statusCode(405);
        // the previous secret still verifies during a rotation
        post(groupMessage(group, 6003, "\"旧密钥\""), "onebot-secret-old").then().statusCode(204);

        List<EventPayload> events = eventsOf(Topics.IM_MESSAGES, group,
                event -> event instanceof MessagePosted posted && posted.text().equals("旧密钥"));
        assertEquals(1, events.size(), "only the report signed with a known secret is published");
    }
}
