package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MemberLeft;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Platform;
import io.qunguan.events.Topics;
import io.qunguan.group.domain.WebhookDelivery;
import io.qunguan.platforms.crypto.WxBizMsgCipher;
import io.qunguan.platforms.wecom.WeComCallback;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.OversizedRequest;
import io.qunguan.testkit.PostgresResource;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * WeCom callback mode end to end over HTTP against a real broker and database: URL check, encrypted
 * messages and 客户群 events to platform-neutral events, redeliveries collapsed, every refusal publishing nothing.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class WeComWebhookIT extends KafkaProbing {

    static final String CORP_ID = "wx5823bf96d3bd56c7";
    static final WxBizMsgCipher CURRENT = new WxBizMsgCipher("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", CORP_ID);
    static final WxBizMsgCipher PREVIOUS =
            new WxBizMsgCipher("QDG6eK", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", CORP_ID);
    static final WxBizMsgCipher SALES =
            new WxBizMsgCipher("salesToken", "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut", "wwSalesCorp00000001");

    @TestHTTPResource("/webhooks/wecom")
    URI url;

    /** A callback as WeCom sends it: the encrypted XML in an envelope, the signature in the query. */
    static Response post(String path, WxBizMsgCipher cipher, String token, String xml, long timestamp) {
        String encrypted = cipher.encrypt(xml);
        String nonce = Long.toString(System.nanoTime());
        String body = "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><Encrypt><![CDATA[" + encrypted
                + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        return given().contentType("text/xml")
                .queryParam("msg_signature", WxBizMsgCipher.signature(token, Long.toString(timestamp), nonce, encrypted))
                .queryParam("timestamp", timestamp).queryParam("nonce", nonce)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(path);
    }

    static Response post(String xml) {
        return post("/webhooks/wecom", CURRENT, "QDG6eK", xml, now());
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static String text(String msgId, String from, String content) {
        return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[" + from
                + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId><AgentID>1000002</AgentID></xml>";
    }

    static String externalChat(String chatId, String detail, String members, long createTime) {
        return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[" + chatId + "]]></ChatId>"
                + "<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[" + detail + "]]></UpdateDetail>"
                + "<JoinScene>0</JoinScene><QuitScene>1</QuitScene><MemChangeCnt>2</MemChangeCnt>" + members
                + "<LastMemVer>v1</LastMemVer><CurMemVer>v2</CurMemVer></xml>";
    }

    private List<EventEnvelope<EventPayload>> messagesOf(String chatId, String lastText) {
        return probe.eventsThrough(Topics.IM_MESSAGES, event -> event.data() instanceof MessagePosted message
                && message.chatId().equals(chatId) && message.text().equals(lastText), Duration.ofSeconds(15))
                .stream().filter(event -> event.subject().equals("wecom:" + chatId)).toList();
    }

    @Test
    void urlCheckAnswersTheDecryptedEchoExactly() {
        String echo = "echo-" + UUID.randomUUID();
        String encrypted = CURRENT.encrypt(echo);
        String ts = Long.toString(now());
        String body = given().queryParam("msg_signature", WxBizMsgCipher.signature("QDG6eK", ts, "n1", encrypted))
                .queryParam("timestamp", ts).queryParam("nonce", "n1").queryParam("echostr", encrypted)
                .get("/webhooks/wecom").then().statusCode(200).extract().asString();
        assertEquals(echo, body, "no quotes, newline or BOM around the echo");

        given().queryParam("msg_signature", WxBizMsgCipher.signature("QDG6eK", ts, "n1", encrypted))
                .queryParam("timestamp", ts).queryParam("nonce", "n2").queryParam("echostr", encrypted)
                .get("/webhooks/wecom").then().statusCode(401);
    }

    @Test
    void textMessageIsPublishedAsMessagePosted() {
        String user = "zhangsan-" + UUID.randomUUID();
        post(text("7001" + System.nanoTime(), user, "明天上午十点开会，收到请回复")).then().statusCode(200).body(emptyString());

        List<EventEnvelope<EventPayload>> events = messagesOf("app-1000002-" + user, "明天上午十点开会，收到请回复");
        assertEquals(1, events.size());
        MessagePosted message = (MessagePosted) events.get(0).data();
        assertEquals(MessageKind.TEXT, message.kind());
        assertEquals(user, message.senderId());
        assertEquals(Platform.WECOM, message.platform());
    }

    @Test
    void redeliveriesSequentialAndConcurrentBecomeOneEvent() throws Exception {
        String user = "lisi-" + UUID.randomUUID();
        String xml = text("7002" + System.nanoTime(), user, "重复投递");
        for (int i = 0; i < 3; i++) {
            post(xml).then().statusCode(200);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            String concurrent = text("7003" + System.nanoTime(), user, "并发投递");
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> post(concurrent).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdown();
        }
        post(text("7004" + System.nanoTime(), user, "结束")).then().statusCode(200);

        List<String> texts = messagesOf("app-1000002-" + user, "结束").stream()
                .map(event -> ((MessagePosted) event.data()).text()).toList();
        assertEquals(List.of("重复投递", "并发投递", "结束"), texts);
    }

    @Test
    void memberChangesInBothListFormsBecomeOneEventPerMember() {
        String chat = "wr" + UUID.randomUUID().toString().replace("-", "");
        long t = now();
        post(externalChat(chat, "add_member", "<MemChangeList><![CDATA[wmA,wmB]]></MemChangeList>", t))
                .then().statusCode(200);
        post(externalChat(chat, "del_member", "<MemChangeList><Item>wmA</Item><Item>wmB</Item></MemChangeList>", t + 1))
                .then().statusCode(200);

        List<EventEnvelope<EventPayload>> events = probe.eventsThrough(Topics.IM_MEMBERS,
                event -> event.data() instanceof MemberLeft left && left.chatId().equals(chat)
                        && left.memberId().equals("wmB"), Duration.ofSeconds(15))
                .stream().filter(event -> event.subject().equals("wecom:" + chat)).toList();
        assertEquals(4, events.size());
        assertEquals(List.of("wmA", "wmB"), events.subList(0, 2).stream()
                .map(event -> ((MemberJoined) event.data()).memberId()).toList());
        MemberLeft left = (MemberLeft) events.get(3).data();
        assertEquals(WeComCallback.REMOVED_BY_OWNER_OR_ADMIN, left.removedBy(), "QuitScene 1");
    }

    @Test
    void unknownEventIsAcknowledgedAndStoredRaw() {
        String user = "wangwu-" + UUID.randomUUID();
        String xml = "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[" + user
                + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[enter_agent]]></Event><AgentID>1000002</AgentID></xml>";
        post(xml).then().statusCode(200);
        post(xml).then().statusCode(200);

        List<WebhookDelivery> stored = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery
                .<WebhookDelivery>list("platform = 'wecom' and raw like ?1", "%" + user + "%"));
        assertEquals(1, stored.size());
        assertEquals("event:enter_agent", stored.get(0).type);
    }

    @Test
    void previousKeyIsAcceptedDuringRotationAndNamedAppsHaveTheirOwnUrl() {
        String user = "rot-" + UUID.randomUUID();
        post("/webhooks/wecom", PREVIOUS, "QDG6eK", text("7005" + System.nanoTime(), user, "旧密钥"), now())
                .then().statusCode(200);
        String sales = text("7006" + System.nanoTime(), user, "销售应用").replace(CORP_ID, "wwSalesCorp00000001");
        post("/webhooks/wecom/sales", SALES, "salesToken", sales, now()).then().statusCode(200);
        post("/webhooks/wecom/nobody", SALES, "salesToken", sales, now()).then().statusCode(401);
    }

    @Test
    void refusalsPublishNothing() {
        String user = "bad-" + UUID.randomUUID();
        String xml = text("7007" + System.nanoTime(), user, "不应发布");
        // a message properly encrypted and signed for another corp: its receiver id is checked (reference case 37)
        post("/webhooks/wecom", SALES, "QDG6eK", xml, now()).then().statusCode(401);
        // a valid message of the sales app replayed to the default app's URL
        post("/webhooks/wecom", SALES, "salesToken", xml, now()).then().statusCode(401);
        post("/webhooks/wecom", CURRENT, "wrongToken", xml, now()).then().statusCode(401);
        post("/webhooks/wecom", CURRENT, "QDG6eK", xml, now() - 301).then().statusCode(401);
        // now() is whole seconds and the window is checked in milliseconds: +301 s is inside it once a second has
        // passed between reading the clock and the service's check, so the future case keeps a margin
        post("/webhooks/wecom", CURRENT, "QDG6eK", xml, now() + 330).then().statusCode(401)
                .body("error", equalTo("invalid signature"));
        given().contentType("text/xml").body("<xml><Encrypt>x</Encrypt></xml>").post("/webhooks/wecom")
                .then().statusCode(401);
        given().contentType("application/json").body("{}").queryParam("timestamp", now()).post("/webhooks/wecom")
                .then().statusCode(415);
        assertEquals(413, OversizedRequest.status(url, "text/xml", 1024 * 1024 + 1));
        given().contentType("text/xml").queryParam("timestamp", now())
                .queryParam("msg_signature", "0").queryParam("nonce", "1")
                .body("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>")
                .post("/webhooks/wecom").then().statusCode(400);
        given().contentType("text/xml").delete("/webhooks/wecom").then().statusCode(405);
        post(text("7008" + System.nanoTime(), user, "收尾")).then().statusCode(200);

        List<EventEnvelope<EventPayload>> events = messagesOf("app-1000002-" + user, "收尾");
        assertEquals(1, events.size(), "only the final, valid message is published");
        assertNull(((MessagePosted) events.get(0).data()).replyTo());
        assertTrue(events.get(0).source().endsWith("/webhooks/wecom"));
    }
}
