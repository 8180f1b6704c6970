package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.ChatDismissed;
import io.qunguan.events.ChatRenamed;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MemberLeft;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Topics;
import io.qunguan.group.domain.WebhookDelivery;
import io.qunguan.platforms.crypto.HmacSignatures;
import io.qunguan.platforms.crypto.WxBizMsgCipher;
import io.qunguan.platforms.dingtalk.DingTalkEvents;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * DingTalk's event subscription and internal robot over HTTP against a real broker and database (reference
 * cases 1–5, 10, 11, 14, 17, 18, 21, 23).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class DingTalkWebhookIT extends KafkaProbing {

    static final String TOKEN = "123456";
    static final String AES_KEY = "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij";
    static final String OWNER_KEY = "dingqunguancorp0001";
    static final String ROBOT_SECRET = "dingtalk-robot-app-secret";
    static final WxBizMsgCipher CIPHER = new WxBizMsgCipher(TOKEN, AES_KEY, OWNER_KEY);

    static Response postEvent(WxBizMsgCipher cipher, String token, String json, long timestampMillis) {
        String encrypt = cipher.encrypt(json);
        String timestamp = Long.toString(timestampMillis);
        String nonce = "n" + UUID.randomUUID().toString().substring(0, 7);
        return given().contentType("application/json")
                .queryParam("msg_signature", WxBizMsgCipher.signature(token, timestamp, nonce, encrypt))
                .queryParam("timeStamp", timestamp).queryParam("nonce", nonce)
                .body("{\"encrypt\":\"" + encrypt + "\"}").post("/webhooks/dingtalk");
    }

    static Response postEvent(String json) {
        return postEvent(CIPHER, TOKEN, json, System.currentTimeMillis());
    }

    static Response postRobot(String json, String secret, long timestampMillis) {
        String timestamp = Long.toString(timestampMillis);
        return given().contentType("application/json").header("timestamp", timestamp)
                .header("sign", DingTalkEvents.robotSign(secret, timestamp))
                .body(json.getBytes(StandardCharsets.UTF_8)).post("/webhooks/dingtalk/robot");
    }

    static String robotMessage(String conversation, String msgId, String text) {
        return """
                {"conversationId":"%s","atUsers":[{"dingtalkId":"$:LWCP_v1:$bot"},{"dingtalkId":"$:LWCP_v1:$li",
                 "staffId":"li01"}],"chatbotCorpId":"%s","chatbotUserId":"$:LWCP_v1:$bot","msgId":"%s",
                 "senderNick":"张三","isAdmin":false,"senderStaffId":"zhang01","sessionWebhookExpiredTime":%d,
                 "createAt":%d,"senderCorpId":"%s","conversationType":"2","senderId":"$:LWCP_v1:$zhang",
                 "conversationTitle":"市场部-新品推广组","isInAtList":true,"sessionWebhook":"https://oapi.dingtalk.com/robot/sendBySession?session=x",
                 "text":{"content":" %s"},"robotCode":"dingrobot","msgtype":"text"}"""
                .formatted(conversation, OWNER_KEY, msgId, System.currentTimeMillis() + 5_400_000,
                        System.currentTimeMillis(), OWNER_KEY, text);
    }

    static String chatEvent(String type, String chat, String extra) {
        return """
                {"EventType":"%s","TimeStamp":%d,"CorpId":"%s","ChatId":"chat%s","OpenConversationId":"%s",
                 "Operator":"manager01"%s}""".formatted(type, System.currentTimeMillis(), OWNER_KEY,
                UUID.randomUUID().toString().replace("-", ""), chat, extra);
    }

    static String newConversation() {
        return "cid" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "==";
    }

    /** Decrypts DingTalk's expected answer and checks its signature, as DingTalk does. */
    static String openAnswer(WxBizMsgCipher cipher, Response response) {
        JsonPath answer = response.then().statusCode(200).extract().jsonPath();
        String encrypt = answer.getString("encrypt");
        assertTrue(cipher.signatureMatches(answer.getString("msg_signature"), answer.getString("timeStamp"),
                answer.getString("nonce"), encrypt), "the answer is signed with the app's token");
        return cipher.decrypt(encrypt).orElseThrow();
    }

    @Test
    void urlCheckIsAnsweredWithTheEncryptedSuccess() {
        assertEquals("success", openAnswer(CIPHER, postEvent("{\"EventType\":\"check_url\"}")));
        // a key being rotated out still opens the request, and the answer uses the key DingTalk used
        WxBizMsgCipher previous = new WxBizMsgCipher(TOKEN, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", OWNER_KEY);
        assertEquals("success", openAnswer(previous, postEvent(previous, TOKEN, "{\"EventType\":\"check_url\"}",
                System.currentTimeMillis())));
        // the older parameter spellings (signature, timestamp) are DingTalk's too
        String encrypt = CIPHER.encrypt("{\"EventType\":\"check_url\"}");
        String timestamp = Long.toString(System.currentTimeMillis());
        assertEquals("success", openAnswer(CIPHER, given().contentType("application/json")
                .queryParam("signature", WxBizMsgCipher.signature(TOKEN, timestamp, "abc", encrypt))
                .queryParam("timestamp", timestamp).queryParam("nonce", "abc")
                .body("{\"encrypt\":\"" + encrypt + "\"}").post("/webhooks/dingtalk")));
    }

    @Test
    void groupConversationEventsAreNormalisedOnceEach() {
        String chat = newConversation();
        String added = chatEvent("chat_add_member", chat, ",\"UserId\":[\"wang01\",\"zhao01\"]");
        assertEquals("success", openAnswer(CIPHER, postEvent(added)));
        // a redelivery of the same event publishes nothing more
        assertEquals("success", openAnswer(CIPHER, postEvent(added)));
        openAnswer(CIPHER, postEvent(chatEvent("chat_remove_member", chat, ",\"UserId\":[\"zhao01\"]")));
        openAnswer(CIPHER, postEvent(chatEvent("chat_quit", chat, ",\"UserId\":[\"wang01\"]")));
        openAnswer(CIPHER, postEvent(chatEvent("chat_update_title", chat, ",\"Title\":\"市场部-新品推广组\"")));
        openAnswer(CIPHER, postEvent(chatEvent("chat_disband", chat, "")));

        List<EventPayload> events = probe.eventsThrough(Topics.IM_MEMBERS, event -> event.data() instanceof ChatDismissed
                && event.subject().equals("dingtalk:" + chat), Duration.ofSeconds(15)).stream()
                .filter(event -> event.subject().equals("dingtalk:" + chat)).map(EventEnvelope::data).toList();
        assertEquals(6, events.size(), events.toString());
        MemberJoined wang = (MemberJoined) events.get(0);
        assertEquals("wang01", wang.memberId());
        assertEquals("manager01", wang.invitedBy());
        assertEquals(chat, wang.chatId());
        assertEquals("zhao01", ((MemberJoined) events.get(1)).memberId());
        assertEquals("manager01", ((MemberLeft) events.get(2)).removedBy());
        MemberLeft quit = (MemberLeft) events.get(3);
        assertEquals("wang01", quit.memberId());
        assertEquals(null, quit.removedBy());
        assertEquals("市场部-新品推广组", ((ChatRenamed) events.get(4)).newName());
        assertEquals("manager01", ((ChatDismissed) events.get(5)).dismissedBy());
    }

    @Test
    void robotMessagesAreSignedNormalisedAndDeduplicated() {
        String chat = newConversation();
        String msgId = "msg" + UUID.randomUUID();
        postRobot(robotMessage(chat, msgId, "@李四 请确认报价"), ROBOT_SECRET, System.currentTimeMillis())
                .then().statusCode(200);
        postRobot(robotMessage(chat, msgId, "@李四 请确认报价"), ROBOT_SECRET, System.currentTimeMillis())
                .then().statusCode(200);
        // a secret being rotated out still verifies
        postRobot(robotMessage(chat, "msg" + UUID.randomUUID(), "收到"), "dingtalk-robot-app-secret-old",
                System.currentTimeMillis()).then().statusCode(200);

        List<MessagePosted> messages = probe.eventsThrough(Topics.IM_MESSAGES, event -> event.data()
                instanceof MessagePosted message && message.chatId().equals(chat) && message.text().equals("收到"),
                Duration.ofSeconds(15)).stream().map(EventEnvelope::data).filter(MessagePosted.class::isInstance)
                .map(MessagePosted.class::cast).filter(message -> message.chatId().equals(chat)).toList();
        assertEquals(2, messages.size());
        MessagePosted first = messages.get(0);
        assertEquals("@李四 请确认报价", first.text());
        assertEquals(List.of("li01"), first.mentions(), "the robot's own mention is not a person's");
        assertEquals("zhang01", first.senderId());
        assertEquals("张三", first.senderName());
        assertEquals("市场部-新品推广组", first.chatName());
        assertEquals(MessageKind.TEXT, first.kind());
        assertEquals(msgId, first.messageId());
    }

    @Test
    void unknownEventTypesAreAnsweredAndStoredRaw() {
        String user = "user" + UUID.randomUUID();
        String json = "{\"EventType\":\"user_add_org\",\"TimeStamp\":\"" + System.currentTimeMillis()
                + "\",\"CorpId\":\"" + OWNER_KEY + "\",\"UserId\":[\"" + user + "\"]}";
        assertEquals("success", openAnswer(CIPHER, postEvent(json)));
        assertEquals("success", openAnswer(CIPHER, postEvent(json)));
        List<WebhookDelivery> stored = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery
                .<WebhookDelivery>list("platform = 'dingtalk' and raw like ?1", "%" + user + "%"));
        assertEquals(1, stored.size());
        assertEquals("user_add_org", stored.get(0).type);
    }

    @Test
    void refusalsPublishNothing() {
        String chat = newConversation();
        String event = chatEvent("chat_update_title", chat, ",\"Title\":\"不应发布\"");
        long now = System.currentTimeMillis();
        postEvent(CIPHER, "wrong-token", event, now).then().statusCode(401);
        postEvent(CIPHER, TOKEN, event, now - 301_000).then().statusCode(401);
        postEvent(CIPHER, TOKEN, event, now + 301_000).then().statusCode(401);
        // properly signed, but encrypted for another app's owner key: a cross-tenant replay
        postEvent(new WxBizMsgCipher(TOKEN, AES_KEY, "dingothercorp"), TOKEN, event, now).then().statusCode(401);
        given().contentType("application/json").queryParam("msg_signature", "x").queryParam("timeStamp", now)
                .queryParam("nonce", "n").body("{not json").post("/webhooks/dingtalk").then().statusCode(400);
        given().contentType("application/json").body("{}").post("/webhooks/dingtalk/nobody").then().statusCode(401)
                .body("error", equalTo("invalid signature"));
        given().contentType("text/plain").body("x").post("/webhooks/dingtalk").then().statusCode(415);
        given().get("/webhooks/dingtalk").then().statusCode(405);

        String message = robotMessage(chat, "msg" + UUID.randomUUID(), "不应发布");
        postRobot(message, "wrong-secret", now).then().statusCode(401).body("error", equalTo("invalid signature"));
        postRobot(message, ROBOT_SECRET, now - 301_000).then().statusCode(401);
        // Feishu's order (key = timestamp + "\n" + secret over nothing) is not DingTalk's
        String timestamp = Long.toString(now);
        String feishuOrder = Base64.getEncoder().encodeToString(HmacSignatures.hmac("HmacSHA256",
                HmacSignatures.utf8(timestamp + "\n" + ROBOT_SECRET)));
        given().contentType("application/json").header("timestamp", timestamp).header("sign", feishuOrder)
                .body(message).post("/webhooks/dingtalk/robot").then().statusCode(401);
        given().contentType("application/json").header("timestamp", timestamp).body(message)
                .post("/webhooks/dingtalk/robot").then().statusCode(401);
        // an app with only an event subscription has no robot endpoint
        given().contentType("application/json").header("timestamp", timestamp)
                .header("sign", DingTalkEvents.robotSign(ROBOT_SECRET, timestamp)).body(message)
                .post("/webhooks/dingtalk/events-only/robot").then().statusCode(401);
        postRobot("{\"msgId\":", ROBOT_SECRET, now).then().statusCode(400);
        // the sign covers only the timestamp: a captured header is good for its own body (a redelivery), no other
        long captured = now - 1_000;
        String original = robotMessage(chat, "msg" + UUID.randomUUID(), "原消息");
        postRobot(original, ROBOT_SECRET, captured).then().statusCode(200);
        postRobot(robotMessage(chat, "msg" + UUID.randomUUID(), "不应发布：换了正文"), ROBOT_SECRET, captured).then()
                .statusCode(401).body("error", equalTo("invalid signature"));
        postRobot(original, ROBOT_SECRET, captured).then().statusCode(200);
        // the company is pinned: a callback naming another corpId is refused like a bad signature
        postRobot(robotMessage(chat, "msg" + UUID.randomUUID(), "不应发布：他司").replace(OWNER_KEY, "dingothercorp"),
                ROBOT_SECRET, now - 2_000).then().statusCode(401).body("error", equalTo("invalid signature"));

        postRobot(robotMessage(chat, "msg" + UUID.randomUUID(), "最后一条"), ROBOT_SECRET, now).then().statusCode(200);
        List<EventEnvelope<EventPayload>> events = probe.eventsThrough(Topics.IM_MESSAGES, e -> e.data()
                instanceof MessagePosted posted && posted.chatId().equals(chat) && posted.text().equals("最后一条"),
                Duration.ofSeconds(15));
        assertEquals(List.of("原消息", "最后一条"), events.stream().map(EventEnvelope::data).filter(MessagePosted.class::isInstance)
                .map(MessagePosted.class::cast).filter(posted -> posted.chatId().equals(chat))
                .map(MessagePosted::text).toList());
        // a signed conversation event last: a refused one, had it been published, comes before it
        openAnswer(CIPHER, postEvent(chatEvent("chat_disband", chat, "")));
        List<EventPayload> members = probe.eventsThrough(Topics.IM_MEMBERS, e -> e.data() instanceof ChatDismissed
                && e.subject().equals("dingtalk:" + chat), Duration.ofSeconds(15)).stream()
                .filter(e -> e.subject().equals("dingtalk:" + chat)).map(EventEnvelope::data).toList();
        assertEquals(1, members.size(), "no refused event published: " + members);
    }
}
