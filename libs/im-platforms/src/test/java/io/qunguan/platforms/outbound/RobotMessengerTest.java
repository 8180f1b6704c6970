package io.qunguan.platforms.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.qunguan.events.Platform;
import io.qunguan.platforms.crypto.RobotSignatures;
import io.qunguan.testkit.FakePlatform.Scripted;
import io.qunguan.testkit.FakePlatform.Seen;
import io.qunguan.testkit.FakePlatform;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The robot client over real HTTP against a local fake platform: request shapes and signatures as each
 * platform checks them, throttle answers honoured (reference cases 38–40), redirects not followed, a lost
 * answer not sent twice, credentials that cannot reshape the URL.
 */
class RobotMessengerTest {

    private FakePlatform platform;
    private RobotMessenger messenger;

    @BeforeEach
    void start() {
        platform = FakePlatform.start();
        URI base = platform.url("");
        messenger = new RobotMessenger(PlatformHosts.allAt(base), Duration.ofSeconds(1), 3, Duration.ofSeconds(5), Duration.ofMinutes(5),
                SendWindows.published(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void weComRobotTextWithMentions() {
        SendOutcome outcome = messenger.send(new RobotDestination(Platform.WECOM, "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa", null,
                null), RobotMessage.text("请张三在 30 分钟内回复", "zhangsan"));
        assertEquals(SendOutcome.Status.SENT, outcome.status());
        Seen request = platform.seen().get(0);
        assertEquals("/cgi-bin/webhook/send", request.path());
        assertEquals("693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa", request.parameter("key"));
        assertEquals("text", request.json().path("msgtype").asText());
        assertEquals("请张三在 30 分钟内回复", request.json().path("text").path("content").asText());
        assertEquals("zhangsan", request.json().path("text").path("mentioned_list").get(0).asText());
    }

    @Test
    void dingTalkRobotIsSignedAsDingTalkChecksIt() {
        String secret = "SECdingtalk0000000000000000000000000";
        SendOutcome outcome = messenger.send(new RobotDestination(Platform.DINGTALK, "dt-token-1", secret, null),
                RobotMessage.markdown("## 群规提醒\n请勿在群内发布广告"));
        assertEquals(SendOutcome.Status.SENT, outcome.status());
        Seen request = platform.seen().get(0);
        assertEquals("/robot/send", request.path());
        String timestamp = request.parameter("timestamp");
        assertTrue(Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) < 60_000);
        assertEquals(RobotSignatures.dingTalk(secret, Long.parseLong(timestamp)), request.parameter("sign"));
        assertEquals("群规提醒", request.json().path("markdown").path("title").asText());
    }

    @Test
    void feishuBotCarriesTimestampAndSignInTheBody() {
        String secret = "feishu-bot-secret";
        assertEquals(SendOutcome.Status.SENT, messenger.send(new RobotDestination(Platform.FEISHU, "hook-token-1", secret, null),
                RobotMessage.text("周会改到三点", "ou_123")).status());
        JsonNode body = platform.seen().get(0).json();
        assertEquals("/open-apis/bot/v2/hook/hook-token-1", platform.seen().get(0).path());
        assertEquals(RobotSignatures.feishu(secret, body.path("timestamp").asLong()), body.path("sign").asText());
        assertEquals("<at user_id=\"ou_123\"></at> 周会改到三点", body.path("content").path("text").asText());
    }

    @Test
    void slackRetryAfterIsHonouredBeforeTheSecondAttempt() {
        platform.answer("/api/chat.postMessage", new Scripted(429, "", Map.of("Retry-After", "1"), 0),
                Scripted.ok("{\"ok\":true,\"ts\":\"1.2\"}"));
        SendOutcome outcome = messenger.send(new RobotDestination(Platform.SLACK, "xoxb-1-2-abc", null, "C0RETRY"),
                RobotMessage.text("done", "U0LI"));
        assertEquals(SendOutcome.Status.SENT, outcome.status());
        assertEquals(2, outcome.attempts());
        assertEquals(List.of("Bearer xoxb-1-2-abc"), platform.seen().get(0).headers().get("Authorization"));
        assertEquals("<@U0LI> done", platform.seen().get(0).json().path("text").asText());
        long gapMillis = (platform.seen().get(1).atNanos() - platform.seen().get(0).atNanos()) / 1_000_000;
        assertTrue(gapMillis >= 900, "waited for Retry-After: " + gapMillis + " ms");
    }

    @Test
    void weComThrottleCodeIsRetriedWithBackoff() {
        platform.answer("/cgi-bin/webhook/send", Scripted.ok("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"),
                Scripted.ok("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        SendOutcome outcome = messenger.send(new RobotDestination(Platform.WECOM, "key-throttled", null, null),
                RobotMessage.text("x"));
        assertEquals(SendOutcome.Status.SENT, outcome.status());
        assertEquals(2, outcome.attempts());
    }

    @Test
    void aDingTalkLockoutIsNotWaitedOutAndHoldsBackLaterMessages() {
        platform.answer("/robot/send", Scripted.ok("{\"errcode\":130101,\"errmsg\":\"send too fast\"}"));
        RobotDestination robot = new RobotDestination(Platform.DINGTALK, "dt-locked", null, null);
        SendOutcome first = messenger.send(robot, RobotMessage.text("a"));
        assertEquals(SendOutcome.Status.UNAVAILABLE, first.status());
        assertEquals(1, first.attempts());
        SendOutcome second = messenger.send(robot, RobotMessage.text("b"));
        assertEquals(SendOutcome.Status.QUEUE_FULL, second.status(), "ten minutes away, over the five allowed");
        assertEquals(1, platform.seen().size(), "nothing more reached the locked robot");
    }

    @Test
    void refusalsAreNotRetried() {
        platform.answer("/robot/send", Scripted.ok("{\"errcode\":310000,\"errmsg\":\"sign not match\"}"));
        SendOutcome outcome = messenger.send(new RobotDestination(Platform.DINGTALK, "dt-wrong", "SECx", null),
                RobotMessage.text("x"));
        assertEquals(SendOutcome.Status.REJECTED, outcome.status());
        assertEquals("310000 sign not match", outcome.detail());
        assertEquals(1, platform.seen().size());
        SendOutcome tooLong = messenger.send(new RobotDestination(Platform.WECOM, "key-long", null, null),
                RobotMessage.text("长".repeat(700)));
        assertEquals(SendOutcome.Status.REJECTED, tooLong.status());
        assertEquals(0, tooLong.attempts());
    }

    @Test
    void redirectsAreNotFollowed() throws IOException {
        HttpServer internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> reachedInternal = new CopyOnWriteArrayList<>();
        internal.createContext("/", exchange -> {
            reachedInternal.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        internal.start();
        try {
            platform.answer("/open-apis/bot/v2/hook/hook-redirect", new Scripted(302, "", Map.of("Location",
                    "http://127.0.0.1:" + internal.getAddress().getPort() + "/admin"), 0));
            SendOutcome outcome = messenger.send(new RobotDestination(Platform.FEISHU, "hook-redirect", null, null),
                    RobotMessage.text("x"));
            assertEquals(SendOutcome.Status.REJECTED, outcome.status());
            assertEquals("HTTP 302", outcome.detail());
            assertEquals(List.of(), reachedInternal);
        } finally {
            internal.stop(0);
        }
    }

    @Test
    void aLostAnswerIsNotSentAgain() {
        platform.answer("/cgi-bin/webhook/send", new Scripted(200, "{\"errcode\":0}", Map.of(), 2_500));
        SendOutcome outcome = messenger.send(new RobotDestination(Platform.WECOM, "key-slow", null, null), RobotMessage.text("x"));
        assertEquals(SendOutcome.Status.UNCERTAIN, outcome.status());
        assertEquals(1, platform.seen().size());
    }

    @Test
    void anUnreachablePlatformIsRetriedThenReported() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + closedPort);
        RobotMessenger unreachable = new RobotMessenger(new PlatformHosts(closed, null, null, null, null, null), Duration.ofSeconds(1),
                2, Duration.ofSeconds(5), Duration.ofMinutes(5), SendWindows.published(), Clock.systemUTC());
        SendOutcome outcome = unreachable.send(new RobotDestination(Platform.WECOM, "key", null, null), RobotMessage.text("x"));
        assertEquals(SendOutcome.Status.UNAVAILABLE, outcome.status());
        assertEquals(2, outcome.attempts());
        assertEquals(SendOutcome.Status.REJECTED, unreachable.send(new RobotDestination(Platform.ONEBOT, null, null, "123"),
                RobotMessage.text("x")).status(), "no OneBot API configured");
    }

    @Test
    void oneBotSendGroupMessageWithMentions() {
        assertEquals(SendOutcome.Status.SENT, messenger.send(new RobotDestination(Platform.ONEBOT, "bridge-token", null,
                "123456789"), RobotMessage.text("请勿刷屏", "20001")).status());
        Seen request = platform.seen().get(0);
        assertEquals("/send_group_msg", request.path());
        assertEquals(List.of("Bearer bridge-token"), request.headers().get("Authorization"));
        assertEquals(123456789L, request.json().path("group_id").asLong());
        assertEquals("20001", request.json().path("message").get(0).path("data").path("qq").asText());
        assertEquals("请勿刷屏", request.json().path("message").get(1).path("data").path("text").asText());
    }

    @Test
    void credentialsCannotReshapeTheUrl() {
        assertThrows(IllegalArgumentException.class, () -> new RobotDestination(Platform.WECOM, "k&key=other", null, null));
        assertThrows(IllegalArgumentException.class, () -> new RobotDestination(Platform.FEISHU, "../../admin", null, null));
        assertThrows(IllegalArgumentException.class, () -> new RobotDestination(Platform.SLACK, "xoxb-1", null, "C1/../x"));
        assertThrows(IllegalArgumentException.class, () -> new RobotDestination(Platform.GENERIC, "k", null, null));
        assertEquals("RobotDestination[wecom]", new RobotDestination(Platform.WECOM, "secret-key", null, null).toString(),
                "keys stay out of logs");
    }
}
