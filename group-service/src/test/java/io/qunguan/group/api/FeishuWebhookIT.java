package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MemberLeft;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.MessageRecalled;
import io.qunguan.events.Topics;
import io.qunguan.group.domain.WebhookDelivery;
import io.qunguan.platforms.feishu.FeishuEvents;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.restassured.response.Response;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Feishu event subscription v2 over HTTP against a real broker and database (reference cases 7, 10, 14, 21, 23). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class FeishuWebhookIT extends KafkaProbing {

    static final String KEY = "feishu-encrypt-key";
    static final String TOKEN = "feishu-verification-token";

    /** An event as Feishu sends it with an Encrypt Key: encrypted, then signed over the raw body. */
    static Response post(String path, String plaintext, String key, long timestamp) {
        String body = "{\"encrypt\":\"" + FeishuEvents.encrypt(plaintext, key) + "\"}";
        String ts = Long.toString(timestamp);
        String nonce = UUID.randomUUID().toString();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").header("X-Lark-Request-Timestamp", ts)
                .header("X-Lark-Request-Nonce", nonce).header("X-Lark-Signature", FeishuEvents.sign(ts, nonce, key, bytes))
                .body(bytes).post(path);
    }

    static Response post(String plaintext) {
        return post("/webhooks/feishu", plaintext, KEY, Instant.now().getEpochSecond());
    }

    static String event(String eventId, String type, String event) {
        return """
                {"schema":"2.0","header":{"event_id":"%s","event_type":"%s","create_time":"1763600000000",
                 "token":"%s","app_id":"cli_qunguan","tenant_key":"t-qunguan"},"event":%s}"""
                .formatted(eventId, type, TOKEN, event);
    }

    static String message(String chat, String messageId, String type, String content, String parent) {
        return """
                {"sender":{"sender_id":{"open_id":"ou_zhang","user_id":"zhangsan"},"sender_type":"user"},
                 "message":{"message_id":"%s","parent_id":"%s","chat_id":"%s","chat_type":"group",
                  "message_type":"%s","content":%s,"create_time":"1763600000123",
                  "mentions":[{"key":"@_user_1","id":{"open_id":"ou_li","user_id":"lisi"},"name":"李四"}]}}"""
                .formatted(messageId, parent, chat, type, quote(content));
    }

    static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private List<EventEnvelope<EventPayload>> messagesOf(String chat, String lastText) {
        return probe.eventsThrough(Topics.IM_MESSAGES, event -> event.data() instanceof MessagePosted message
                && message.chatId().equals(chat) && message.text().equals(lastText), Duration.ofSeconds(15))
                .stream().filter(event -> event.subject().equals("feishu:" + chat)).toList();
    }

    @Test
    void challengeIsAnsweredFromTheEncryptedBody() {
        post("{\"challenge\":\"ajls384kdjx98XX\",\"token\":\"" + TOKEN + "\",\"type\":\"url_verification\"}")
                .then().statusCode(200).body("challenge", equalTo("ajls384kdjx98XX"));
        post("{\"challenge\":\"x\",\"token\":\"forged\",\"type\":\"url_verification\"}").then().statusCode(401);
    }

    @Test
    void anUnsignedBodyCanOnlyBeTheUrlCheckAndEveryFaultInItIsAnsweredAlike() throws Exception {
        String check = "{\"challenge\":\"c2\",\"token\":\"" + TOKEN + "\",\"type\":\"url_verification\"}";
        unsigned(FeishuEvents.encrypt(check, KEY)).then().statusCode(200).body("challenge", equalTo("c2"));

        // bad padding: one block whose last byte is 0, which PKCS#7 never ends with
        byte[] iv = new byte[16];
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                .digest(KEY.getBytes(StandardCharsets.UTF_8)), "AES"), new IvParameterSpec(iv));
        byte[] block = aes.doFinal(new byte[16]);
        String badPadding = Base64.getEncoder().encodeToString(ByteBuffer.allocate(32).put(iv).put(block).array());
        List<String> answers = List.of(
                unsigned(badPadding).then().statusCode(401).extract().asString(),
                unsigned(FeishuEvents.encrypt("not json at all", KEY)).then().statusCode(401).extract().asString(),
                unsigned(FeishuEvents.encrypt(check.replace(TOKEN, "forged"), KEY)).then().statusCode(401)
                        .extract().asString(),
                // an event, not the URL check, must be signed
                unsigned(FeishuEvents.encrypt(event("ev-" + UUID.randomUUID(), "im.chat.disbanded_v1",
                        "{\"chat_id\":\"oc_unsigned\"}"), KEY)).then().statusCode(401).extract().asString());
        assertEquals(1, answers.stream().distinct().count(), answers.toString());
    }

    @Test
    void anEventStoredRawKeepsNoVerificationToken() {
        String eventId = "ev-" + UUID.randomUUID();
        post(event(eventId, "im.chat.updated_v1", "{\"chat_id\":\"oc_raw\",\"after_change\":{\"description\":\"x\"}}"))
                .then().statusCode(200);
        String raw = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.<WebhookDelivery>list(
                "platform = 'feishu' and raw like ?1", "%" + eventId + "%").getFirst().raw);
        assertFalse(raw.contains(TOKEN), raw);
        assertTrue(raw.contains("cli_qunguan"), raw);
    }

    private static Response unsigned(String encrypted) {
        return given().contentType("application/json").body("{\"encrypt\":\"" + encrypted + "\"}")
                .post("/webhooks/feishu");
    }

    @Test
    void messagesTextPostRepliesAndRecallsAreNormalisedOncePerMessageId() {
        String chat = "oc_" + UUID.randomUUID().toString().replace("-", "");
        String first = event("ev-" + UUID.randomUUID(), "im.message.receive_v1",
                message(chat, "om_1" + chat, "text", "{\"text\":\"@_user_1 明天的方案请确认\"}", ""));
        post(first).then().statusCode(200);
        // the same message under another event id: one message (reference case 23)
        post(first.replace("\"event_id\":\"ev-", "\"event_id\":\"ev2-")).then().statusCode(200);
        post(event("ev-" + UUID.randomUUID(), "im.message.recalled_v1",
                "{\"message_id\":\"om_1" + chat + "\",\"chat_id\":\"" + chat + "\",\"recall_time\":\"1763600005000\"}"))
                .then().statusCode(200);
        post(event("ev-" + UUID.randomUUID(), "im.message.receive_v1", message(chat, "om_2" + chat, "post",
                "{\"title\":\"周报\",\"content\":[[{\"tag\":\"text\",\"text\":\"本周进度\"},{\"tag\":\"at\",\"user_id\":\"x\"}]]}",
                "om_1" + chat))).then().statusCode(200);

        List<EventEnvelope<EventPayload>> events = messagesOf(chat, "周报 本周进度");
        assertEquals(3, events.size());
        MessagePosted asked = (MessagePosted) events.get(0).data();
        assertEquals("zhangsan", asked.senderId());
        assertEquals(List.of("lisi"), asked.mentions());
        assertEquals("@_user_1 明天的方案请确认", asked.text());
        assertEquals("om_1" + chat, ((MessageRecalled) events.get(1).data()).messageId());
        assertEquals("om_1" + chat, ((MessagePosted) events.get(2).data()).replyTo());
    }

    @Test
    void membersAddedAndRemovedBecomeOneEventPerUser() {
        String chat = "oc_" + UUID.randomUUID().toString().replace("-", "");
        String users = "[{\"name\":\"王五\",\"user_id\":{\"open_id\":\"ou_w\",\"user_id\":\"wangwu\"}},"
                + "{\"name\":\"赵六\",\"user_id\":{\"open_id\":\"ou_z\"}}]";
        post(event("ev-" + UUID.randomUUID(), "im.chat.member.user.added_v1", "{\"chat_id\":\"" + chat
                + "\",\"operator_id\":{\"user_id\":\"zhangsan\"},\"users\":" + users + "}")).then().statusCode(200);
        post(event("ev-" + UUID.randomUUID(), "im.chat.member.user.deleted_v1", "{\"chat_id\":\"" + chat
                + "\",\"operator_id\":{\"user_id\":\"wangwu\"},\"users\":[{\"user_id\":{\"user_id\":\"wangwu\"}}]}"))
                .then().statusCode(200);

        List<EventEnvelope<EventPayload>> events = probe.eventsThrough(Topics.IM_MEMBERS,
                event -> event.data() instanceof MemberLeft left && left.chatId().equals(chat), Duration.ofSeconds(15))
                .stream().filter(event -> event.subject().equals("feishu:" + chat)).toList();
        assertEquals(3, events.size());
        MemberJoined wang = (MemberJoined) events.get(0).data();
        assertEquals("wangwu", wang.memberId());
        assertEquals("zhangsan", wang.invitedBy());
        assertEquals("ou_z", ((MemberJoined) events.get(1).data()).memberId(), "open id when no user id is given");
        assertEquals(null, ((MemberLeft) events.get(2).data()).removedBy(), "left by themselves");
    }

    @Test
    void refusalsPublishNothing() {
        String chat = "oc_" + UUID.randomUUID().toString().replace("-", "");
        String plaintext = event("ev-" + UUID.randomUUID(), "im.message.receive_v1",
                message(chat, "om_x" + chat, "text", "{\"text\":\"不应发布\"}", ""));
        long now = Instant.now().getEpochSecond();
        post("/webhooks/feishu", plaintext, "another-key", now).then().statusCode(401);
        post("/webhooks/feishu", plaintext, KEY, now - 301).then().statusCode(401);
        post("/webhooks/feishu", plaintext.replace(TOKEN, "forged-token"), KEY, now).then().statusCode(401);
        post("/webhooks/feishu", plaintext.replace("cli_qunguan", "cli_other"), KEY, now).then().statusCode(401);
        // an Encrypt Key is configured: a plain, unsigned event is refused even with the right token
        given().contentType("application/json").body(plaintext).post("/webhooks/feishu").then().statusCode(401);
        // the signature covers the raw body
        String ts = Long.toString(now);
        String body = "{\"encrypt\":\"" + FeishuEvents.encrypt(plaintext, KEY) + "\"}";
        given().contentType("application/json").header("X-Lark-Request-Timestamp", ts)
                .header("X-Lark-Request-Nonce", "n").header("X-Lark-Signature",
                        FeishuEvents.sign(ts, "n", KEY, body.getBytes(StandardCharsets.UTF_8)))
                .body(body.replace("{\"encrypt\"", "{ \"encrypt\"")).post("/webhooks/feishu").then().statusCode(401);
        // the previous Encrypt Key still verifies and decrypts during a rotation
        post("/webhooks/feishu", event("ev-" + UUID.randomUUID(), "im.message.receive_v1",
                message(chat, "om_y" + chat, "text", "{\"text\":\"旧密钥\"}", "")), "feishu-encrypt-key-old", now)
                .then().statusCode(200);

        List<EventEnvelope<EventPayload>> events = messagesOf(chat, "旧密钥");
        assertEquals(1, events.size());
    }

    @Test
    void withoutAnEncryptKeyTheTokenAuthenticates() {
        given().contentType("application/json")
                .body("{\"challenge\":\"c1\",\"token\":\"plain-token\",\"type\":\"url_verification\"}")
                .post("/webhooks/feishu/plain").then().statusCode(200).body("challenge", equalTo("c1"));
        given().contentType("application/json")
                .body("{\"challenge\":\"c1\",\"token\":\"wrong\",\"type\":\"url_verification\"}")
                .post("/webhooks/feishu/plain").then().statusCode(401);
        given().contentType("application/json").body(event("ev-" + UUID.randomUUID(), "im.chat.updated_v1",
                "{\"chat_id\":\"oc_1\",\"after_change\":{\"description\":\"x\"}}").replace(TOKEN, "plain-token"))
                .post("/webhooks/feishu/plain").then().statusCode(200);
    }
}
