package io.qunguan.group.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.GroupTaskOpened;
import io.qunguan.events.Platform;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.group.domain.groups.ChatAdministration;
import io.qunguan.group.domain.groups.PlatformActionRunner;
import io.qunguan.group.domain.groups.PlatformActions;
import io.qunguan.testkit.FakePlatform.Scripted;
import io.qunguan.testkit.FakePlatform;
import io.qunguan.testkit.FakePlatformResource;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Sanctions carried out on the platforms (SV-2): a violation on {@code moderation.violations} (real Kafka) becomes
 * a platform action (real PostgreSQL), run against a fake platform over real HTTP; what the platform cannot do
 * becomes an owner task on {@code group.events}.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(FakePlatformResource.class)
class SanctionIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    PlatformActionRunner runner;

    @Inject
    PlatformActions actions;

    private static FakePlatform platform() {
        return FakePlatformResource.platform();
    }

    /** A violation in the chat {@code <platform>:<chatId>} that no group holds, or in no chat for a group id. */
    private static ViolationOpened violation(String chatKey, String member, String message, String ruleId,
            String sanction) {
        int colon = chatKey.indexOf(':');
        return violation(chatKey, colon < 0 ? null : Platform.of(chatKey.substring(0, colon)),
                colon < 0 ? null : chatKey.substring(colon + 1), member, message, ruleId, sanction);
    }

    private static ViolationOpened violation(String groupId, Platform platform, String chatId, String member,
            String message, String ruleId, String sanction) {
        Sanction.Kind kind = Sanction.Kind.valueOf(sanction);
        return new ViolationOpened(UUID.randomUUID(), ruleId, "ads", Severity.MEDIUM, groupId, platform, chatId,
                member, null, "张三", message, "加微信 ***", List.of(), ViolationOpened.AppliedPolicy.COMPANY_DEFAULT,
                1, new Sanction(kind, kind.timed() ? 90 : null, kind.monetary() ? 100 : null),
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static void publish(EventPayload event) {
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("moderation-service", event));
        }
    }

    private static List<Map<String, Object>> actionsOf(String chatId) {
        JsonPath answer = given().auth().oauth2(TOKENS.issue("operator", "ops-1", null)).queryParam("limit", 200)
                .get("/api/platform-actions").then().statusCode(200).extract().jsonPath();
        return answer.<Map<String, Object>>getList("$").stream().filter(row -> chatId.equals(row.get("chatId"))).toList();
    }

    private static List<Map<String, Object>> awaitActions(String chatId, int count) {
        return await().atMost(WAIT).until(() -> actionsOf(chatId), rows -> rows.size() >= count);
    }

    private static String chat(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void sv2ARemovalInAFeishuChatIsCarriedOutOnceThroughTheApiHoweverOftenTheViolationArrives() {
        String chat = chat("oc_");
        ViolationOpened violation = violation("feishu:" + chat, "ou_offender", "om_1", "CT-4", "REMOVAL");
        publish(violation);
        publish(violation);
        awaitActions(chat, 1);
        runner.runDue(OffsetDateTime.now(ZoneOffset.UTC));

        Map<String, Object> action = actionsOf(chat).get(0);
        assertEquals(1, actionsOf(chat).size(), "one action per violation and kind");
        assertEquals("REMOVE_MEMBER", action.get("kind"));
        assertEquals("DONE", action.get("status"));
        assertEquals("CT-4", action.get("ruleId"));
        List<FakePlatform.Seen> calls = platform().seen("/feishu/open-apis/im/v1/chats/" + chat + "/members");
        assertEquals(1, calls.size());
        assertEquals("ou_offender", calls.get(0).json().path("id_list").get(0).asText());
    }

    @Test
    void sv2AReminderIsPostedToTheMemberAndARecallRequestRecallsTheMessage() {
        String channel = chat("C");
        publish(violation("slack:" + channel, "U0OFFENDER", "1700000000.000100", "CT-4", "REMINDER"));
        String group = chat("");
        publish(violation("onebot:" + group, "20001", "-1024", "CT-2", "RECALL_REQUEST"));
        awaitActions(channel, 1);
        awaitActions(group, 1);
        runner.runDue(OffsetDateTime.now(ZoneOffset.UTC));

        FakePlatform.Seen post = platform().seen("/slack/api/chat.postMessage").stream()
                .filter(seen -> seen.json().path("channel").asText().equals(channel)).findFirst().orElseThrow();
        assertEquals("<@U0OFFENDER> 【群管提醒】请遵守群规（CT-4 ads）。", post.json().path("text").asText());
        FakePlatform.Seen recall = platform().seen("/onebot/delete_msg").stream()
                .filter(seen -> seen.json().path("message_id").asLong() == -1024).findFirst().orElseThrow();
        assertEquals("Bearer onebot-api-token", recall.header("Authorization"));
        assertEquals("DONE", actionsOf(group).get(0).get("status"));
    }

    @Test
    void sv2WhatThePlatformCannotDoBecomesAnOwnerTaskOnGroupEvents() {
        String weComChat = chat("wr");
        String bridgeChat = chat("room-");
        publish(violation("wecom:" + weComChat, "zhangsan", "msg-1", "BH-1", "MUTE"));
        publish(violation("generic:" + bridgeChat, "wxid_offender", "m-1", "CT-4", "REMOVAL"));
        awaitActions(weComChat, 1);
        awaitActions(bridgeChat, 1);
        runner.runDue(OffsetDateTime.now(ZoneOffset.UTC));

        Map<String, Object> mute = actionsOf(weComChat).get(0);
        assertEquals("HANDED_OVER", mute.get("status"));
        assertNotNull(mute.get("taskId"));
        assertEquals("no API", mute.get("detail"));
        assertEquals("HANDED_OVER", actionsOf(bridgeChat).get(0).get("status"));
        assertTrue(platform().seen().stream().noneMatch(seen -> seen.path().contains(weComChat)));

        GroupTaskOpened muteTask = taskOpened("wecom:" + weComChat);
        assertEquals("MUTE_MEMBER", muteTask.kind());
        assertEquals("BH-1", muteTask.ruleId());
        assertEquals("wecom:zhangsan BH-1", muteTask.about());
        assertTrue(muteTask.detail().startsWith("Mute zhangsan in wecom:" + weComChat + " for PT1H30M"),
                muteTask.detail());
        GroupTaskOpened removeTask = taskOpened("generic:" + bridgeChat);
        assertEquals("REMOVE_MEMBER", removeTask.kind());
        assertEquals(null, removeTask.assigneeId(), "a chat no group holds: HR's queue");
    }

    private static GroupTaskOpened taskOpened(String groupId) {
        try (KafkaProbe probe = KafkaResource.probe()) {
            List<EventEnvelope<EventPayload>> events = probe.eventsThrough(Topics.GROUP_EVENTS, event ->
                    event.data() instanceof GroupTaskOpened task && task.groupId().equals(groupId), WAIT);
            return (GroupTaskOpened) events.get(events.size() - 1).data();
        }
    }

    /**
     * The next of {@code ours} that an instance running at {@code claimedAt} claims, as the runner does; actions of
     * other tests it meets are passed over.
     */
    private Optional<PlatformActions.Claimed> claimAmong(Set<Long> ours, OffsetDateTime claimedAt, Set<Long> attempted) {
        Set<Long> skip = new HashSet<>(attempted);
        Optional<PlatformActions.Claimed> claimed;
        while ((claimed = actions.claimNext(claimedAt, claimedAt, skip)).isPresent()
                && !ours.contains(claimed.get().id())) {
            skip.add(claimed.get().id());
        }
        return claimed;
    }

    private static long id(Map<String, Object> row) {
        return ((Number) row.get("id")).longValue();
    }

    private static Map<String, Object> action(String chatId, long id) {
        return actionsOf(chatId).stream().filter(row -> id(row) == id).findFirst().orElseThrow();
    }

    @Test
    void sv2EachActionIsLeasedFromItsOwnClaimAndARemovalCutShortIsMadeAgainOnce() {
        runner.runDue(OffsetDateTime.now(ZoneOffset.UTC));
        String chat = chat("oc_");
        publish(violation("feishu:" + chat, "ou_first", "om_1", "CT-4", "REMOVAL"));
        publish(violation("feishu:" + chat, "ou_second", "om_2", "CT-4", "REMOVAL"));
        Set<Long> ours = awaitActions(chat, 2).stream().map(SanctionIT::id).collect(Collectors.toSet());

        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC);
        PlatformActions.Claimed first = claimAmong(ours, t0, Set.of()).orElseThrow();
        // the first call takes six minutes, longer than a lease: the second action is claimed after it, leased from then
        PlatformActions.Claimed second = claimAmong(ours, t0.plusMinutes(6), Set.of(first.id())).orElseThrow();
        assertTrue(second.id() != first.id());

        // another instance a minute later: the second is still leased; the first, whose instance never recorded what
        // the platform said, is made again, since removing someone twice changes nothing
        PlatformActions.Claimed again = claimAmong(ours, t0.plusMinutes(7), Set.of()).orElseThrow();
        assertEquals(first.id(), again.id());
        assertEquals(2, again.attempt());
        assertTrue(claimAmong(ours, t0.plusMinutes(7), Set.of(first.id())).isEmpty(), "the second is still leased");
        assertTrue(((String) action(chat, first.id()).get("detail")).contains("made again"));

        // the late answer of the first attempt is not recorded over the second
        ChatAdministration.Outcome done = new ChatAdministration.Outcome(ChatAdministration.Status.DONE, "ok", null);
        actions.record(first.id(), first.attempt(), done, t0.plusMinutes(7));
        assertEquals("PENDING", action(chat, first.id()).get("status"));
        actions.record(again.id(), again.attempt(), done, t0.plusMinutes(7));
        actions.record(second.id(), second.attempt(), done, t0.plusMinutes(7));
        assertEquals(List.of("DONE", "DONE"), actionsOf(chat).stream().map(row -> row.get("status")).toList());
        assertEquals(2, action(chat, first.id()).get("attempts"));
    }

    @Test
    void sv2APostCutShortByAStoppedInstanceIsUncertainUntilAPersonConfirmsIt() {
        runner.runDue(OffsetDateTime.now(ZoneOffset.UTC));
        String channel = chat("C");
        publish(violation("slack:" + channel, "U0CUT", "1700000000.000200", "CT-4", "REMINDER"));
        long id = id(awaitActions(channel, 1).getFirst());
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC);
        claimAmong(Set.of(id), t0, Set.of()).orElseThrow();
        // the instance stops mid-call; once its lease ran out another finds the attempt unfinished: a Slack post has no
        // idempotency key, so it is not made again blindly
        assertTrue(claimAmong(Set.of(id), t0.plusMinutes(6), Set.of()).isEmpty());
        Map<String, Object> uncertain = action(channel, id);
        assertEquals("UNCERTAIN", uncertain.get("status"));
        assertTrue(((String) uncertain.get("detail")).contains("confirm whether it happened"));
        String operator = TOKENS.issue("operator", "ops-1", null);
        given().auth().oauth2(operator).queryParam("status", "UNCERTAIN").get("/api/platform-actions").then()
                .statusCode(200).body("id", hasItem((int) id));

        String path = "/api/platform-actions/" + id + "/confirmation";
        given().auth().oauth2(TOKENS.issue("employee", "e-1", null)).contentType(ContentType.JSON)
                .body("{\"happened\":false,\"reason\":\"x\"}").post(path).then().statusCode(403);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"reason\":\"x\"}").post(path).then()
                .statusCode(400);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"happened\":false}").post(path).then()
                .statusCode(422);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"happened\":false,\"reason\":\"x\"}")
                .post("/api/platform-actions/999999999/confirmation").then().statusCode(404);
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body("{\"happened\":false,\"reason\":\"频道里没有这条提醒\"}").post(path).then().statusCode(200)
                .body("status", is("PENDING"));

        runner.runDue(OffsetDateTime.now(ZoneOffset.UTC));
        assertEquals(1, platform().seen("/slack/api/chat.postMessage").stream()
                .filter(seen -> seen.json().path("channel").asText().equals(channel)).count());
        assertEquals("DONE", action(channel, id).get("status"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"happened\":true,\"reason\":\"x\"}")
                .post(path).then().statusCode(409);
        given().auth().oauth2(TOKENS.issue("hr", "hr-1", "人力资源部")).queryParam("objectType", "platform-action")
                .queryParam("objectId", String.valueOf(id)).get("/api/audit-log").then().statusCode(200)
                .body("action", hasItem("platform-action.confirm-not-done")).body("actor", hasItem("ops-1"));
    }

    private static AppealDecided upheld(ViolationOpened violation) {
        return new AppealDecided(UUID.randomUUID(), violation.violationId(), violation.groupId(), violation.platform(),
                violation.chatId(), violation.memberId(), null, violation.ruleId(), violation.sanction(), true,
                "转述客户原话", "E-head", OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Test
    void sv6AnUpheldAppealLiftsTheMuteThroughTheApiAndAsksTheOwnerToInviteBackARemovedMember() {
        String group = chat("");
        ViolationOpened mute = violation("onebot:" + group, "40004", "-7", "CT-4", "MUTE");
        publish(mute);
        awaitActions(group, 1);
        runner.runDue(OffsetDateTime.now(ZoneOffset.UTC));
        AppealDecided decided = upheld(mute);
        publish(decided);
        publish(decided);
        List<Map<String, Object>> actions = awaitActions(group, 2);
        runner.runDue(OffsetDateTime.now(ZoneOffset.UTC));

        assertEquals(2, actionsOf(group).size(), "one unmute however often the decision arrives");
        Map<String, Object> unmute = actionsOf(group).stream().filter(row -> "UNMUTE_MEMBER".equals(row.get("kind")))
                .findFirst().orElseThrow();
        assertEquals("DONE", unmute.get("status"));
        List<FakePlatform.Seen> bans = platform().seen("/onebot/set_group_ban").stream()
                .filter(seen -> seen.json().path("group_id").asText().equals(group)).toList();
        assertEquals(List.of(90L * 60, 0L), bans.stream().map(seen -> seen.json().path("duration").asLong()).toList());
        assertTrue(actions.size() >= 2);

        // a removal on a platform Qunguan cannot invite on: the owner (HR's queue here) is asked to invite back
        String chat = chat("oc_");
        ViolationOpened removal = violation("feishu:" + chat, "ou_removed", "om_9", "CT-4", "REMOVAL");
        publish(removal);
        awaitActions(chat, 1);
        publish(upheld(removal));
        GroupTaskOpened restore = taskOpened("feishu:" + chat);
        assertEquals("RESTORE_MEMBER", restore.kind());
        assertEquals("SV-6", restore.ruleId());
        assertTrue(restore.detail().contains("reversed on appeal"), restore.detail());
        // the removal not yet carried out is cancelled, not made after the appeal reversed it
        runner.runDue(OffsetDateTime.now(ZoneOffset.UTC));
        assertEquals("FAILED", actionsOf(chat).getFirst().get("status"));
        assertTrue(platform().seen("/feishu/open-apis/im/v1/chats/" + chat + "/members").isEmpty());
    }

    @Test
    void anUnavailablePlatformIsTriedAgainLaterAndHandedOverAfterTheLastAttempt() {
        String group = chat("");
        platform().answer("/onebot/set_group_kick", new Scripted(503, "", Map.of(), 0));
        try {
            publish(violation("onebot:" + group, "30003", "-1", "CT-4", "REMOVAL"));
            awaitActions(group, 1);
            runner.runDue(OffsetDateTime.now(ZoneOffset.UTC));
            Map<String, Object> first = actionsOf(group).get(0);
            assertEquals("PENDING", first.get("status"));
            assertEquals(1, first.get("attempts"));
            assertTrue(OffsetDateTime.parse((String) first.get("dueAt")).isAfter(OffsetDateTime.now(ZoneOffset.UTC)),
                    "backs off");
            // not due yet: nothing happens now
            runner.runDue(OffsetDateTime.now(ZoneOffset.UTC));
            assertEquals(1, actionsOf(group).get(0).get("attempts"));

            for (int attempt = 2; attempt <= 8; attempt++) {
                runner.runDue(OffsetDateTime.now(ZoneOffset.UTC).plusHours(2));
            }
            Map<String, Object> last = actionsOf(group).get(0);
            assertEquals("HANDED_OVER", last.get("status"));
            assertEquals(8, last.get("attempts"));
            assertTrue(((String) last.get("detail")).startsWith("unavailable through 8 attempts"), (String) last.get("detail"));
        } finally {
            platform().answer("/onebot/set_group_kick", Scripted.ok("{\"status\":\"ok\",\"retcode\":0}"));
        }
    }

    @Test
    void aMalformedViolationGoesToTheDeadLetterTopicAndTheNextIsStillCarriedOut() {
        String chat = chat("oc_");
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publishRaw(Topics.MODERATION_VIOLATIONS, "feishu:" + chat, "{not json".getBytes(StandardCharsets.UTF_8));
            List<ConsumerRecord<String, byte[]>> dead = probe.readUntil(Topics.deadLetter("group-service", "sanctions"),
                    records -> records.stream().anyMatch(record -> ("feishu:" + chat).equals(record.key())), WAIT);
            ConsumerRecord<String, byte[]> record = dead.stream().filter(r -> ("feishu:" + chat).equals(r.key()))
                    .findFirst().orElseThrow();
            assertNotNull(KafkaProbe.header(record, "dead-letter-reason"));
        }
        publish(violation("feishu:" + chat, "ou_next", "om_2", "CT-4", "MUTE"));
        assertEquals("MUTE_MEMBER", awaitActions(chat, 1).get(0).get("kind"));
        // a violation in no chat, without a member, or with HR's sanctions asks nothing of the platform
        publish(violation("g-" + UUID.randomUUID(), "emp-1", "breach:1", "MB-1", "REMOVAL"));
        publish(violation("feishu:" + chat, null, "om_3", "CT-4", "REMOVAL"));
        publish(violation("feishu:" + chat, "ou_paper", "om_4", "CT-4", "WRITTEN_WARNING"));
        publish(violation("feishu:" + chat, "ou_fined", "om_5", "CT-4", "FINE"));
        publish(violation("feishu:" + chat, "ou_hr", "om_6", "CT-4", "REFERRAL_TO_HR"));
        publish(violation("feishu:" + chat, "ou_last", "om_7", "CT-4", "WARNING"));
        List<Map<String, Object>> rows = awaitActions(chat, 2);
        assertEquals(List.of("MUTE_MEMBER", "POST_MESSAGE"), rows.stream().map(row -> row.get("kind")).sorted().toList());
    }

    @Test
    void sv2AMembershipBreachInARegisteredGroupIsCarriedOutInTheChatTheViolationNames() {
        String chat = chat("oc_");
        publish(violation("G-" + UUID.randomUUID(), Platform.FEISHU, chat, "ou_inviter", "breach:" + UUID.randomUUID(),
                "MB-1", "REMOVAL"));
        List<Map<String, Object>> rows = awaitActions(chat, 1);
        assertEquals("REMOVE_MEMBER", rows.get(0).get("kind"));
        assertEquals("MB-1", rows.get(0).get("ruleId"));
    }

    @Test
    void platformActionsAreForOperatorsHrAndAuditorsOnly() {
        given().get("/api/platform-actions").then().statusCode(401);
        given().auth().oauth2(TOKENS.issue("employee", "e-1", null)).get("/api/platform-actions").then().statusCode(403);
        given().auth().oauth2(TOKENS.issue("group-owner", "e-2", null)).get("/api/platform-actions").then().statusCode(403);
        given().auth().oauth2(TOKENS.issue("auditor", "a-1", null)).get("/api/platform-actions").then().statusCode(200);
        given().auth().oauth2(TOKENS.issue("hr", "hr-1", "人力资源部")).queryParam("status", "SOMETIMES")
                .get("/api/platform-actions").then().statusCode(400);
        given().auth().oauth2(TOKENS.issue("hr", "hr-1", "人力资源部")).queryParam("limit", 1000)
                .get("/api/platform-actions").then().statusCode(400);
    }
}
