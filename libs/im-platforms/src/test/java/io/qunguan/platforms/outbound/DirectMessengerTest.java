package io.qunguan.platforms.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qunguan.events.Platform;
import io.qunguan.platforms.outbound.ActionOutcome.Status;
import io.qunguan.platforms.outbound.AdminAction.Kind;
import io.qunguan.testkit.FakePlatform;
import io.qunguan.testkit.FakePlatform.Scripted;
import io.qunguan.testkit.FakePlatform.Seen;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages to one person over real HTTP against a local fake platform: each platform's request shape, the keys that
 * make a retry safe, refusals that name the person, and one app token shared with the admin actions.
 */
class DirectMessengerTest {

    private FakePlatform platform;
    private PlatformAppClient client;
    private DirectMessenger messenger;

    @BeforeEach
    void start() {
        platform = FakePlatform.start();
        client = client(PlatformAdminTest.CREDENTIALS, Duration.ofSeconds(2));
        messenger = new DirectMessenger(client);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private PlatformAppClient client(AppCredentials credentials, Duration timeout) {
        return new PlatformAppClient(FakePlatformHosts.of(platform), credentials, timeout, Clock.systemUTC());
    }

    private static DirectMessage message(Platform platform, String user, String text) {
        return new DirectMessage(platform, user, text, false, "notice-42-" + platform.id());
    }

    @Test
    void weComSendsAnAppMessageWithItsDuplicateCheckAndSharesTheTokenWithAdminActions() {
        assertEquals(Status.DONE, messenger.send(message(Platform.WECOM, "zhangsan", "【群管】你有一条违规通知")).status());
        PlatformAdmin admin = new PlatformAdmin(client);
        assertEquals(Status.DONE, admin.carryOut(new AdminAction(Kind.REMOVE_MEMBER, Platform.WECOM, "chat1",
                "lisi", null, null, null, "k")).status());

        assertEquals(1, platform.seen("/wecom/cgi-bin/gettoken").size(), "one token for messages and admin actions");
        Seen sent = platform.seen("/wecom/cgi-bin/message/send").get(0);
        assertEquals("tok-1", sent.parameter("access_token"));
        assertEquals("zhangsan", sent.json().path("touser").asText());
        assertEquals(1000002, sent.json().path("agentid").asInt());
        assertEquals("text", sent.json().path("msgtype").asText());
        assertEquals("【群管】你有一条违规通知", sent.json().path("text").path("content").asText());
        assertEquals(1, sent.json().path("enable_duplicate_check").asInt());
        assertEquals(14400, sent.json().path("duplicate_check_interval").asInt());
    }

    @Test
    void aWeComRecipientTheCompanyDoesNotKnowIsARefusalThatNamesThem() {
        platform.answer("/wecom/cgi-bin/message/send",
                Scripted.ok("{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"ghost\",\"msgid\":\"m1\"}"));
        ActionOutcome outcome = messenger.send(message(Platform.WECOM, "ghost", "hi"));
        assertEquals(Status.REFUSED, outcome.status());
        assertEquals("invaliduser ghost", outcome.detail());
    }

    @Test
    void aWeComTextOverItsLimitIsRefusedWithoutACall() {
        ActionOutcome outcome = messenger.send(message(Platform.WECOM, "zhangsan", "违".repeat(700)));
        assertEquals(Status.REFUSED, outcome.status());
        assertEquals(List.of(), platform.seen("/wecom/cgi-bin/message/send"));
    }

    @Test
    void dingTalkSendsAWorkNotificationAsTheAgent() {
        assertEquals(Status.DONE, messenger.send(new DirectMessage(Platform.DINGTALK, "manager01",
                "## 月度报告\n本月群规执行情况", true, "report-2026-11")).status());
        Seen sent = platform.seen("/dingtalk/topapi/message/corpconversation/asyncsend_v2").get(0);
        assertEquals("tok-1", sent.parameter("access_token"));
        assertEquals(3000001, sent.json().path("agent_id").asLong());
        assertEquals("manager01", sent.json().path("userid_list").asText());
        assertEquals("markdown", sent.json().path("msg").path("msgtype").asText());
        assertEquals("月度报告", sent.json().path("msg").path("markdown").path("title").asText());
    }

    @Test
    void withoutAnAgentIdNothingIsSentAndAPersonMustBeToldAnotherWay() {
        DirectMessenger unconfigured = new DirectMessenger(client(new AppCredentials("wwcorp", "wecom-secret", null,
                null, null, null, null, null, null, null, null), Duration.ofSeconds(2)));
        ActionOutcome outcome = unconfigured.send(message(Platform.WECOM, "zhangsan", "hi"));
        assertEquals(Status.NOT_OFFERED, outcome.status());
        assertEquals("wecom.agent-id is not configured", outcome.detail());
        assertEquals(List.of(), platform.seen());
        assertThrows(IllegalArgumentException.class, () -> new AppCredentials(null, null, "12a", null, null, null,
                null, null, null, null, null));
    }

    @Test
    void feishuSendsToTheUserByTheirIdTypeAndKeepsTheUuidAcrossAThrottledRetry() {
        platform.answer("/feishu/open-apis/im/v1/messages",
                new Scripted(200, "{\"code\":11232,\"msg\":\"frequency limited\"}", Map.of("Retry-After", "2"), 0),
                Scripted.ok("{\"code\":0}"));
        DirectMessage toOpenId = message(Platform.FEISHU, "ou_7d8a", "你的申诉已受理");
        ActionOutcome throttled = messenger.send(toOpenId);
        assertEquals(Status.UNAVAILABLE, throttled.status());
        assertEquals(Duration.ofSeconds(2), throttled.retryAfter());
        assertEquals(Status.DONE, messenger.send(toOpenId).status());
        assertEquals(Status.DONE, messenger.send(message(Platform.FEISHU, "u123", "hi")).status());

        List<Seen> sent = platform.seen("/feishu/open-apis/im/v1/messages");
        assertEquals("open_id", sent.get(0).parameter("receive_id_type"));
        assertEquals("ou_7d8a", sent.get(0).json().path("receive_id").asText());
        assertEquals(sent.get(0).json().path("uuid"), sent.get(1).json().path("uuid"));
        assertEquals("{\"text\":\"你的申诉已受理\"}", sent.get(0).json().path("content").asText());
        assertEquals("user_id", sent.get(2).parameter("receive_id_type"));
    }

    @Test
    void slackPostsToTheUsersIdAndALostAnswerIsNotSentAgain() {
        assertEquals(Status.DONE, messenger.send(message(Platform.SLACK, "U0LEADER", "hi")).status());
        Seen sent = platform.seen("/slack/api/chat.postMessage").get(0);
        assertEquals("U0LEADER", sent.json().path("channel").asText());
        assertEquals("Bearer xoxb-test", sent.header("Authorization"));

        DirectMessenger impatient = new DirectMessenger(client(PlatformAdminTest.CREDENTIALS, Duration.ofMillis(300)));
        platform.answer("/slack/api/chat.postMessage", new Scripted(200, "{\"ok\":true}", Map.of(), 1_500));
        platform.answer("/wecom/cgi-bin/message/send", new Scripted(200, "{\"errcode\":0}", Map.of(), 1_500));
        assertEquals(Status.UNCERTAIN, impatient.send(message(Platform.SLACK, "U0OTHER", "hi")).status());
        assertEquals(Status.UNAVAILABLE, impatient.send(message(Platform.WECOM, "lisi", "hi")).status(),
                "WeCom drops a repeat within its duplicate check: safe to try again");
    }

    @Test
    void oneBotSendsAPrivateMessageWithTheNumericId() {
        assertEquals(Status.DONE, messenger.send(message(Platform.ONEBOT, "20001", "hi")).status());
        Seen sent = platform.seen("/onebot/send_private_msg").get(0);
        assertEquals(20001L, sent.json().path("user_id").asLong());
        assertEquals("hi", sent.json().path("message").get(0).path("data").path("text").asText());
        assertEquals("Bearer onebot-api-token", sent.header("Authorization"));
    }

    @Test
    void theGenericWebhookTakesNoMessages() {
        assertEquals(Status.NOT_OFFERED, messenger.send(message(Platform.GENERIC, "u1", "hi")).status());
        assertEquals(List.of(), platform.seen());
    }
}
