package io.qunguan.platforms.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qunguan.events.Platform;
import io.qunguan.platforms.outbound.ActionOutcome.Status;
import io.qunguan.platforms.outbound.AdminAction.Kind;
import io.qunguan.testkit.FakePlatform.Scripted;
import io.qunguan.testkit.FakePlatform.Seen;
import io.qunguan.testkit.FakePlatform;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin client over real HTTP against a local fake platform: each platform's request shapes and credentials,
 * tokens cached and fetched single-flight (reference case 42), invalid tokens fetched again once, throttling and
 * lost answers, actions a platform does not offer never called, ids that cannot reshape a URL.
 */
class PlatformAdminTest {

    static final AppCredentials CREDENTIALS = new AppCredentials("wwcorp", "wecom-secret", "1000002", "dingkey",
            "ding-secret", "dingrobot", "3000001", "cli_qunguan", "feishu-secret", "xoxb-test", "onebot-api-token");

    private FakePlatform platform;
    private PlatformAdmin admin;

    @BeforeEach
    void start() {
        platform = FakePlatform.start();
        admin = admin(CREDENTIALS, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private PlatformAdmin admin(AppCredentials credentials, Duration timeout) {
        return new PlatformAdmin(FakePlatformHosts.of(platform), credentials, timeout, Clock.systemUTC());
    }

    private static AdminAction action(Kind kind, String platform, String chat, String user, String message,
            String text) {
        return new AdminAction(kind, Platform.of(platform), chat, user, message, text,
                kind == Kind.MUTE_MEMBER ? Duration.ofHours(1) : null, "key-" + kind + "-" + chat);
    }

    @Test
    void feishuActsThroughImV1WithOneCachedTenantToken() {
        assertEquals(Status.DONE, admin.carryOut(action(Kind.REMOVE_MEMBER, "feishu", "oc_1", "ou_abc", null, null)).status());
        assertEquals(Status.DONE, admin.carryOut(action(Kind.REMOVE_MEMBER, "feishu", "oc_1", "u123", null, null)).status());
        assertEquals(Status.DONE, admin.carryOut(action(Kind.RECALL_MESSAGE, "feishu", "oc_1", "ou_abc", "om_9", null)).status());
        assertEquals(Status.DONE, admin.carryOut(action(Kind.RENAME_CHAT, "feishu", "oc_1", null, null, "销售部-华东")).status());
        assertEquals(Status.DONE, admin.carryOut(action(Kind.DISMISS_CHAT, "feishu", "oc_1", null, null, null)).status());

        List<Seen> token = platform.seen("/feishu/open-apis/auth/v3/tenant_access_token/internal");
        assertEquals(1, token.size(), "one token for every call");
        assertEquals("cli_qunguan", token.get(0).json().path("app_id").asText());
        assertEquals("feishu-secret", token.get(0).json().path("app_secret").asText());
        List<Seen> members = platform.seen("/feishu/open-apis/im/v1/chats/oc_1/members");
        assertEquals("DELETE", members.get(0).method());
        assertEquals("open_id", members.get(0).parameter("member_id_type"));
        assertEquals("ou_abc", members.get(0).json().path("id_list").get(0).asText());
        assertEquals("user_id", members.get(1).parameter("member_id_type"));
        assertEquals("Bearer t-1", members.get(0).header("Authorization"));
        assertEquals("DELETE", platform.seen("/feishu/open-apis/im/v1/messages/om_9").get(0).method());
        List<Seen> chat = platform.seen("/feishu/open-apis/im/v1/chats/oc_1");
        assertEquals("PUT", chat.get(0).method());
        assertEquals("销售部-华东", chat.get(0).json().path("name").asText());
        assertEquals("DELETE", chat.get(1).method());
    }

    @Test
    void aFeishuPostCarriesTheSameUuidOnEveryAttemptSoARetryNeverPostsTwice() {
        platform.answer("/feishu/open-apis/im/v1/messages",
                new Scripted(200, "{\"code\":11232,\"msg\":\"frequency limited\"}", Map.of("Retry-After", "3"), 0),
                Scripted.ok("{\"code\":0}"));
        AdminAction post = action(Kind.POST_MESSAGE, "feishu", "oc_1", "ou_abc", null, "【群管提醒】请遵守群规（CT-4）。");

        ActionOutcome throttled = admin.carryOut(post);
        assertEquals(Status.UNAVAILABLE, throttled.status());
        assertEquals(Duration.ofSeconds(3), throttled.retryAfter());
        assertEquals(Status.DONE, admin.carryOut(post).status());

        List<Seen> posts = platform.seen("/feishu/open-apis/im/v1/messages");
        assertEquals(2, posts.size());
        assertEquals("chat_id", posts.get(0).parameter("receive_id_type"));
        assertEquals(posts.get(0).json().path("uuid").asText(), posts.get(1).json().path("uuid").asText());
        assertTrue(posts.get(0).json().path("uuid").asText().length() <= 50);
        assertEquals("oc_1", posts.get(0).json().path("receive_id").asText());
        String content = posts.get(0).json().path("content").asText();
        assertTrue(content.contains("<at user_id=\\\"ou_abc\\\"></at> 【群管提醒】"), content);
    }

    @Test
    void aTokenThePlatformCallsInvalidIsFetchedAgainOnce() {
        platform.answer("/feishu/open-apis/im/v1/chats/oc_1", new Scripted(400,
                "{\"code\":99991663,\"msg\":\"Invalid access token\"}", Map.of(), 0), Scripted.ok("{\"code\":0}"));
        assertEquals(Status.DONE, admin.carryOut(action(Kind.DISMISS_CHAT, "feishu", "oc_1", null, null, null)).status());
        List<Seen> calls = platform.seen("/feishu/open-apis/im/v1/chats/oc_1");
        assertEquals("Bearer t-1", calls.get(0).header("Authorization"));
        assertEquals("Bearer t-2", calls.get(1).header("Authorization"));

        // always invalid: fetched again once, then the refusal is for a person
        platform.answer("/wecom/cgi-bin/appchat/update", Scripted.ok("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}"));
        ActionOutcome expired = admin.carryOut(action(Kind.REMOVE_MEMBER, "wecom", "chat1", "zhangsan", null, null));
        assertEquals(Status.REFUSED, expired.status());
        assertEquals(2, platform.seen("/wecom/cgi-bin/gettoken").size());
        assertEquals(2, platform.seen("/wecom/cgi-bin/appchat/update").size());
    }

    @Test
    void weComActsOnlyInChatsItsAppCreatedAndElsewhereTheRefusalIsForAPerson() {
        assertEquals(Status.DONE, admin.carryOut(action(Kind.REMOVE_MEMBER, "wecom", "chat1", "zhangsan", null, null)).status());
        assertEquals(Status.DONE, admin.carryOut(action(Kind.RENAME_CHAT, "wecom", "chat1", null, null, "研发部-周会")).status());
        Seen token = platform.seen("/wecom/cgi-bin/gettoken").get(0);
        assertEquals("wwcorp", token.parameter("corpid"));
        assertEquals("wecom-secret", token.parameter("corpsecret"));
        List<Seen> updates = platform.seen("/wecom/cgi-bin/appchat/update");
        assertEquals("tok-1", updates.get(0).parameter("access_token"));
        assertEquals("zhangsan", updates.get(0).json().path("del_user_list").get(0).asText());
        assertEquals("研发部-周会", updates.get(1).json().path("name").asText());

        platform.answer("/wecom/cgi-bin/appchat/update", Scripted.ok("{\"errcode\":86003,\"errmsg\":\"chat not exist\"}"));
        ActionOutcome refused = admin.carryOut(action(Kind.REMOVE_MEMBER, "wecom", "wrCustomerGroup", "zhangsan", null, null));
        assertEquals(Status.REFUSED, refused.status());
        assertTrue(refused.forAPerson());
        assertTrue(refused.detail().startsWith("86003"), refused.detail());

        platform.answer("/wecom/cgi-bin/appchat/send", Scripted.ok("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"));
        assertEquals(Status.UNAVAILABLE, admin.carryOut(action(Kind.POST_MESSAGE, "wecom", "chat1", null, null, "hi")).status());
    }

    @Test
    void dingTalkMutesAndRemovesInSceneGroups() {
        assertEquals(Status.DONE, admin.carryOut(action(Kind.MUTE_MEMBER, "dingtalk", "cid/a+b==", "staff1", null, null)).status());
        assertEquals(Status.DONE, admin.carryOut(action(Kind.REMOVE_MEMBER, "dingtalk", "cid/a+b==", "staff1", null, null)).status());
        assertEquals(Status.DONE, admin.carryOut(action(Kind.POST_MESSAGE, "dingtalk", "cid/a+b==", "staff1", null, "请注意")).status());

        assertEquals(1, platform.seen("/dingtalk/gettoken").size());
        assertEquals("dingkey", platform.seen("/dingtalk/gettoken").get(0).parameter("appkey"));
        Seen mute = platform.seen("/dingtalk-api/v1.0/im/sceneGroups/muteMembers/set").get(0);
        assertEquals("tok-1", mute.header("x-acs-dingtalk-access-token"));
        assertEquals("cid/a+b==", mute.json().path("openConversationId").asText());
        assertEquals(3_600_000, mute.json().path("muteDuration").asLong());
        assertEquals(1, mute.json().path("muteStatus").asInt());
        Seen remove = platform.seen("/dingtalk/topapi/im/chat/scenegroup/member/delete").get(0);
        assertEquals("tok-1", remove.parameter("access_token"));
        assertEquals("staff1", remove.json().path("user_ids").asText());
        Seen post = platform.seen("/dingtalk-api/v1.0/robot/groupMessages/send").get(0);
        assertEquals("dingrobot", post.json().path("robotCode").asText());
        assertEquals("sampleText", post.json().path("msgKey").asText());
        assertEquals("请注意", post.json().path("msgParam").asText().replaceAll(".*\"content\":\"([^\"]*)\".*", "$1"));

        platform.answer("/dingtalk-api/v1.0/im/sceneGroups/muteMembers/set", new Scripted(403,
                "{\"code\":\"Forbidden.AccessDenied\",\"message\":\"not a scene group\"}", Map.of(), 0));
        ActionOutcome refused = admin.carryOut(action(Kind.MUTE_MEMBER, "dingtalk", "cidOther", "staff1", null, null));
        assertEquals(Status.REFUSED, refused.status());
        assertTrue(refused.detail().contains("Forbidden.AccessDenied"), refused.detail());
    }

    @Test
    void slackUsesTheBotTokenAndHonoursRetryAfter() {
        assertEquals(Status.DONE, admin.carryOut(action(Kind.REMOVE_MEMBER, "slack", "C0GENERAL", "U123", null, null)).status());
        assertEquals(Status.DONE, admin.carryOut(action(Kind.DISMISS_CHAT, "slack", "C0GENERAL", null, null, null)).status());
        Seen kick = platform.seen("/slack/api/conversations.kick").get(0);
        assertEquals("Bearer xoxb-test", kick.header("Authorization"));
        assertEquals("U123", kick.json().path("user").asText());
        assertEquals("C0GENERAL", platform.seen("/slack/api/conversations.archive").get(0).json().path("channel").asText());

        platform.answer("/slack/api/conversations.rename", new Scripted(429, "", Map.of("Retry-After", "30"), 0));
        ActionOutcome throttled = admin.carryOut(action(Kind.RENAME_CHAT, "slack", "C0GENERAL", null, null, "proj-x"));
        assertEquals(Status.UNAVAILABLE, throttled.status());
        assertEquals(Duration.ofSeconds(30), throttled.retryAfter());

        platform.answer("/slack/api/conversations.kick", Scripted.ok("{\"ok\":false,\"error\":\"cant_kick_self\"}"));
        ActionOutcome refused = admin.carryOut(action(Kind.REMOVE_MEMBER, "slack", "C0GENERAL", "U123", null, null));
        assertEquals(new ActionOutcome(Status.REFUSED, "cant_kick_self", null), refused);
    }

    @Test
    void oneBotCallsTheBridgesGroupActionsWithNumericIds() {
        assertEquals(Status.DONE, admin.carryOut(action(Kind.MUTE_MEMBER, "onebot", "123456", "10001", null, null)).status());
        assertEquals(Status.DONE, admin.carryOut(action(Kind.RECALL_MESSAGE, "onebot", "123456", "10001", "-2147483000", null)).status());
        assertEquals(Status.DONE, admin.carryOut(action(Kind.REMOVE_MEMBER, "onebot", "123456", "10001", null, null)).status());
        Seen ban = platform.seen("/onebot/set_group_ban").get(0);
        assertEquals("Bearer onebot-api-token", ban.header("Authorization"));
        assertTrue(ban.json().path("group_id").isNumber());
        assertEquals(10001, ban.json().path("user_id").asLong());
        assertEquals(3600, ban.json().path("duration").asLong());
        assertEquals("-2147483000", platform.seen("/onebot/delete_msg").get(0).json().path("message_id").asText());
        assertEquals(false, platform.seen("/onebot/set_group_kick").get(0).json().path("reject_add_request").asBoolean(true));

        platform.answer("/onebot/set_group_kick", Scripted.ok("{\"status\":\"failed\",\"retcode\":102,\"message\":\"no permission\"}"));
        ActionOutcome refused = admin.carryOut(action(Kind.REMOVE_MEMBER, "onebot", "123456", "10001", null, null));
        assertEquals(Status.REFUSED, refused.status());
        assertEquals("retcode 102 no permission", refused.detail());
    }

    @Test
    void whatAPlatformDoesNotOfferOrLacksCredentialsForIsForAPersonWithoutAnyCall() {
        assertEquals(Status.NOT_OFFERED, admin.carryOut(action(Kind.MUTE_MEMBER, "wecom", "chat1", "zhangsan", null, null)).status());
        assertEquals(Status.NOT_OFFERED, admin.carryOut(action(Kind.RECALL_MESSAGE, "slack", "C1", "U1", "1700000000.000100", null)).status());
        assertEquals(Status.NOT_OFFERED, admin.carryOut(action(Kind.DISMISS_CHAT, "dingtalk", "cid1", null, null, null)).status());
        assertEquals(Status.NOT_OFFERED, admin.carryOut(action(Kind.MUTE_MEMBER, "feishu", "oc_1", "ou_1", null, null)).status());
        assertEquals(Status.NOT_OFFERED, admin.carryOut(action(Kind.REMOVE_MEMBER, "generic", "c1", "u1", null, null)).status());

        PlatformAdmin unconfigured = admin(AppCredentials.none(), Duration.ofSeconds(2));
        ActionOutcome outcome = unconfigured.carryOut(action(Kind.REMOVE_MEMBER, "feishu", "oc_1", "ou_1", null, null));
        assertEquals(Status.NOT_OFFERED, outcome.status());
        assertEquals("feishu.app-id is not configured", outcome.detail());
        assertEquals(List.of(), platform.seen());
    }

    @Test
    void anIdThatWouldReshapeTheUrlIsNotUsed() {
        ActionOutcome outcome = admin.carryOut(action(Kind.RECALL_MESSAGE, "feishu", "oc_1", "ou_1", "../chats/oc_2", null));
        assertEquals(Status.NOT_OFFERED, outcome.status());
        assertTrue(platform.seen().stream().noneMatch(request -> request.path().contains("/im/v1/")), platform.seen().toString());
    }

    @Test
    void aLostAnswerIsRetriedOnlyWhereRepeatingChangesNothing() {
        PlatformAdmin impatient = admin(CREDENTIALS, Duration.ofMillis(300));
        platform.answer("/slack/api/chat.postMessage", new Scripted(200, "{\"ok\":true}", Map.of(), 1_500));
        platform.answer("/slack/api/conversations.kick", new Scripted(200, "{\"ok\":true}", Map.of(), 1_500));
        assertEquals(Status.UNCERTAIN, impatient.carryOut(action(Kind.POST_MESSAGE, "slack", "C1", null, null, "hi")).status());
        assertEquals(Status.UNAVAILABLE, impatient.carryOut(action(Kind.REMOVE_MEMBER, "slack", "C1", "U1", null, null)).status());
    }

    @Test
    void redirectsAreNotFollowed() {
        platform.answer("/slack/api/conversations.kick", new Scripted(302, "",
                Map.of("Location", platform.url("internal/metadata").toString()), 0));
        ActionOutcome outcome = admin.carryOut(action(Kind.REMOVE_MEMBER, "slack", "C1", "U1", null, null));
        assertEquals(Status.REFUSED, outcome.status());
        assertEquals(List.of(), platform.seen("/internal/metadata"));
    }

    @Test
    void concurrentActionsShareOneTokenRequest() throws Exception {
        platform.answer("/feishu/open-apis/auth/v3/tenant_access_token/internal", new Scripted(200,
                "{\"code\":0,\"tenant_access_token\":\"t-shared\",\"expire\":7200}", Map.of(), 300));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ActionOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String chat = "oc_" + i;
                outcomes.add(pool.submit(() -> admin.carryOut(action(Kind.DISMISS_CHAT, "feishu", chat, null, null, null))));
            }
            for (Future<ActionOutcome> outcome : outcomes) {
                assertEquals(Status.DONE, outcome.get().status());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, platform.seen("/feishu/open-apis/auth/v3/tenant_access_token/internal").size());
        assertNotEquals(0, platform.seen().stream().filter(request -> "Bearer t-shared".equals(request.header("Authorization"))).count());
    }

    @Test
    void postsKeepTheChatsPublishedLimitAndABurstBeyondAShortWaitComesBackForLater() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(9);
        List<ActionOutcome> outcomes = new ArrayList<>();
        try {
            List<Future<ActionOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                AdminAction post = new AdminAction(Kind.POST_MESSAGE, Platform.SLACK, "C0BURST", null, null, "n" + i, null,
                        "post-" + i);
                futures.add(pool.submit(() -> admin.carryOut(post)));
            }
            for (Future<ActionOutcome> future : futures) {
                outcomes.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // one per second per channel: six turns fall within the five-second wait, three are handed back for later
        assertEquals(6, outcomes.stream().filter(outcome -> outcome.status() == Status.DONE).count(), outcomes.toString());
        assertEquals(3, outcomes.stream().filter(outcome -> outcome.status() == Status.UNAVAILABLE
                && outcome.retryAfter() != null).count(), outcomes.toString());
        assertEquals(6, platform.seen("/slack/api/chat.postMessage").size());
    }
}
