package io.qunguan.moderation.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationEscalated;
import io.qunguan.events.ViolationOpened;
import io.qunguan.moderation.domain.ModerationService;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each group is judged by its own effective policy from {@code group.state} (GL-7): categories allowed, recorded or
 * sanctioned, the ladder with its fines (SV-2), one violation per message (SV-1); against a real broker and database.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class GroupPolicyIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final String WORK_POLICY = """
            {"contentActions": {"ads": "SANCTION", "abuse": "SANCTION", "gambling": "SANCTION", "rumour": "RECORD"},
             "sanctionsLadder": ["REMINDER", {"sanction": "FINE", "yuan": 50}, {"sanction": "MUTE", "minutes": 120}],
             "startRung": {"HIGH": 0}}""";

    @Inject
    EntityManager entities;
    @Inject
    ModerationService moderation;

    private KafkaProbe probe;
    private Fixtures fixtures;
    private String sender;

    @BeforeEach
    void probe() {
        probe = KafkaResource.probe();
        fixtures = new Fixtures(probe, entities);
        sender = "u-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private String group(String typeId, int version, String moderation, OffsetDateTime updatedAt,
            GroupSnapshot.Member... members) {
        return fixtures.group(typeId, version, moderation, updatedAt, members);
    }

    private EventEnvelope<MessagePosted> message(String groupId, String text) {
        return Fixtures.message(groupId, sender, MessageKind.TEXT, text, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private List<ViolationOpened> violationsOf(String groupId, int atLeast, Duration window) {
        return fixtures.violationsOf(groupId, atLeast, window);
    }

    @Test
    void gl7AGroupsOverrideChangesTheOutcome() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String strict = group("customer", 3, WORK_POLICY, now);
        String relaxed = group("customer", 3, WORK_POLICY.replace("\"ads\": \"SANCTION\"", "\"ads\": \"ALLOW\""), now);
        probe.publish(message(relaxed, "加微信领取 刷单返利"));
        probe.publish(message(relaxed, "你真是个白痴"));
        probe.publish(message(strict, "加微信领取 刷单返利"));

        List<ViolationOpened> inStrict = violationsOf(strict, 1, Duration.ofSeconds(20));
        List<ViolationOpened> inRelaxed = violationsOf(relaxed, 1, Duration.ofSeconds(20));
        assertEquals(List.of("ads"), inStrict.stream().map(ViolationOpened::category).toList());
        assertEquals(List.of("abuse"), inRelaxed.stream().map(ViolationOpened::category).toList(),
                "the ad is allowed by the group's override; the insult after it is still judged");
        ViolationOpened.AppliedPolicy applied = inStrict.get(0).policy();
        assertEquals(new ViolationOpened.AppliedPolicy("customer", 3, false), applied);
    }

    @Test
    void ct1ChitChatIsFineInASocialGroupAndAViolationInAWorkGroup() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String social = group("social", 1, """
                {"contentActions": {"chit-chat": "ALLOW", "festive-greeting": "ALLOW", "red-packet-game": "ALLOW"}}""",
                now);
        String work = group("department", 1, "{}", now);
        for (String groupId : List.of(social, work)) {
            probe.publish(message(groupId, "中午吃什么，火锅还是烧烤"));
            probe.publish(message(groupId, "新年快乐！1月4日正常上班，请安排好工作")); // work, greeting or not
            probe.publish(message(groupId, "祝大家新年快乐！"));
            probe.publish(message(groupId, "周末一起网赌"));
        }
        List<ViolationOpened> inWork = violationsOf(work, 3, Duration.ofSeconds(20));
        List<ViolationOpened> inSocial = violationsOf(social, 1, Duration.ofSeconds(20));
        assertEquals(List.of("chit-chat", "festive-greeting", "gambling"),
                inWork.stream().map(ViolationOpened::category).toList());
        assertEquals("CT-1", inWork.get(0).ruleId());
        assertEquals(List.of("gambling"), inSocial.stream().map(ViolationOpened::category).toList(),
                "a social group is the place for chit-chat and greetings, not for gambling");
    }

    @Test
    void bh8AnUnclearNoticeIsOnRecordAsAReminderAndAClearOneIsNot() {
        String groupId = group("department", 1, """
                {"contentActions": {"unclear-notice": "RECORD"}, "clearMessages": {"minSubjectChars": 6}}""",
                OffsetDateTime.now(ZoneOffset.UTC));
        probe.publish(message(groupId, "【通知】明天上午10:00在三楼会议室开月度例会，请准时参加"));
        probe.publish(message(groupId, "【通知】周五下午25:00在大会议室开会"));
        List<ViolationOpened> violations = violationsOf(groupId, 1, Duration.ofSeconds(20));
        assertEquals(1, violations.size());
        assertEquals("BH-8", violations.get(0).ruleId());
        assertEquals("no such time 25:00", violations.get(0).findings().get(0).term());
        assertNull(violations.get(0).sanction(), "a reminder through the notice, no sanction, no offence");
    }

    @Test
    void sv1OneMessageWithThreeCategoriesIsOneOffenceCarryingEveryFinding() {
        String groupId = group("production-sales", 1, WORK_POLICY, OffsetDateTime.now(ZoneOffset.UTC));
        probe.publish(message(groupId, "你这个白痴，周末一起网赌，加微信领取 刷单返利"));
        probe.publish(message(groupId, "又是白痴"));

        List<ViolationOpened> violations = violationsOf(groupId, 2, Duration.ofSeconds(20));
        assertEquals(2, violations.size());
        ViolationOpened first = violations.get(0);
        assertEquals(List.of("abuse", "gambling", "ads"),
                first.findings().stream().map(ViolationOpened.Finding::category).distinct().toList());
        assertEquals(Severity.HIGH, first.severity(), "the most serious finding sets the severity");
        assertEquals("gambling", first.category());
        assertEquals(1, first.offence(), "three categories, one offence");
        assertEquals(Sanction.of(Sanction.Kind.REMINDER), first.sanction());
        assertEquals(2, violations.get(1).offence());
    }

    @Test
    void sv2TheLaddersFineCarriesItsAmountAndARecordedViolationIsNoOffence() {
        String groupId = group("production-sales", 1, WORK_POLICY, OffsetDateTime.now(ZoneOffset.UTC));
        probe.publish(message(groupId, "听说公司要裁员了，小道消息"));
        probe.publish(message(groupId, "你真是个白痴"));
        probe.publish(message(groupId, "脑残才这么做"));
        probe.publish(message(groupId, "白痴"));

        List<ViolationOpened> violations = violationsOf(groupId, 4, Duration.ofSeconds(20));
        assertEquals(List.of("rumour", "abuse", "abuse", "abuse"),
                violations.stream().map(ViolationOpened::category).toList());
        ViolationOpened recorded = violations.get(0);
        assertFalse(recorded.sanctioned(), "RECORD: on file, no sanction");
        assertEquals(0, recorded.offence());
        assertEquals(List.of(1, 2, 3), violations.subList(1, 4).stream().map(ViolationOpened::offence).toList(),
                "the recorded violation did not count");
        assertEquals(Sanction.of(Sanction.Kind.REMINDER), violations.get(1).sanction());
        assertEquals(Sanction.fine(50), violations.get(2).sanction());
        assertEquals(Sanction.mute(120), violations.get(3).sanction());
    }

    @Test
    void theRosterNamesTheEmployeeAndAnOlderSnapshotNeverReplacesANewerOne() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String groupId = group("customer", 4, WORK_POLICY.replace("\"ads\": \"SANCTION\"", "\"ads\": \"RECORD\""),
                now, new GroupSnapshot.Member("E-42", "generic:" + sender, "D-sales", "staff", "MEMBER"));
        fixtures.publishSnapshot(groupId, "customer", 3, WORK_POLICY, now.minusMinutes(5));
        String marker = group("customer", 1, WORK_POLICY, now); // published after the stale one: once it is applied,
        assertEquals(4, fixtures.storedVersion(groupId));                   // so was the stale one, and ignored
        probe.publish(message(groupId, "加微信领取 刷单返利"));

        ViolationOpened violation = violationsOf(groupId, 1, Duration.ofSeconds(20)).get(0);
        assertEquals("E-42", violation.employeeId());
        assertEquals(4, violation.policy().version());
        assertNull(violation.sanction(), "version 4 records ads; the stale version 3 would sanction them");
        assertTrue(marker.startsWith("G-"));
    }

    @Test
    void sv8TheThirdOffenceInTheWindowAndEveryCriticalOneGoToManagement() {
        String groupId = group("production-sales", 2, WORK_POLICY.replace("\"startRung\"",
                "\"escalation\": {\"severities\": [\"CRITICAL\"], \"offences\": 3, \"withinDays\": 30}, \"startRung\""),
                OffsetDateTime.now(ZoneOffset.UTC));
        probe.publish(message(groupId, "你真是个白痴"));
        probe.publish(message(groupId, "脑残才这么做"));
        probe.publish(message(groupId, "听说公司要裁员了，小道消息")); // recorded only: no offence, no escalation
        probe.publish(message(groupId, "又是白痴"));
        List<ViolationOpened> violations = violationsOf(groupId, 4, Duration.ofSeconds(20));
        probe.publish(Fixtures.message(groupId, "u-" + UUID.randomUUID(), MessageKind.TEXT, "有人要冰毒吗",
                OffsetDateTime.now(ZoneOffset.UTC)));

        List<ViolationEscalated> escalated = Fixtures.published(probe, groupId, ViolationEscalated.class,
                found -> found.size() >= 2, Duration.ofSeconds(20));
        assertEquals(2, escalated.size(), escalated.toString());
        ViolationEscalated third = escalated.get(0);
        assertEquals(violations.get(3).violationId(), third.violationId(), "the third offence, not the third violation");
        assertEquals(List.of("3 offences in 30 days"), third.reasons());
        assertEquals(3, third.recentOffences());
        assertEquals(Sanction.mute(120), third.sanction());
        ViolationEscalated critical = escalated.get(1);
        assertEquals(List.of("severity CRITICAL"), critical.reasons());
        assertEquals(Severity.CRITICAL, critical.severity());
        assertEquals("CT-6", critical.ruleId());
    }

    @Test
    void sv2APersonsLadderAndFinesAreVisibleToThemTheirDepartmentHeadAndHrOnly() {
        String employee = "E-" + UUID.randomUUID();
        String groupId = group("production-sales", 1, WORK_POLICY, OffsetDateTime.now(ZoneOffset.UTC),
                new GroupSnapshot.Member(employee, "generic:" + sender, "D-sales", "staff", "MEMBER"));
        probe.publish(message(groupId, "你真是个白痴"));
        probe.publish(message(groupId, "听说公司要裁员了，小道消息"));
        probe.publish(message(groupId, "脑残才这么做"));
        violationsOf(groupId, 3, Duration.ofSeconds(20));

        given().auth().oauth2(TOKENS.issue("employee", employee, "D-sales"))
                .get("/api/people/{id}/offences", employee).then().statusCode(200)
                .body("departmentId", equalTo("D-sales")).body("offencesInWindow", equalTo(2))
                .body("finesYuan", equalTo(50)).body("violations.size()", equalTo(3))
                .body("violations[0].sanction.kind", equalTo("FINE")).body("violations[0].offence", equalTo(2))
                .body("violations[1].sanction", equalTo(null))
                .body("violations[0].evidence", equalTo("脑残才这么做"));
        given().auth().oauth2(TOKENS.issue("dept-head", "E-head", "D-sales"))
                .get("/api/people/{id}/offences", employee).then().statusCode(200);
        given().auth().oauth2(TOKENS.issue("hr", "hr-1", null))
                .get("/api/people/{id}/offences", employee).then().statusCode(200);
        given().auth().oauth2(TOKENS.issue("dept-head", "E-other-head", "D-other"))
                .get("/api/people/{id}/offences", employee).then().statusCode(403);
        given().auth().oauth2(TOKENS.issue("employee", "E-colleague", "D-sales"))
                .get("/api/people/{id}/offences", employee).then().statusCode(403);
        given().get("/api/people/{id}/offences", employee).then().statusCode(401);

        // the head's and HR's reads of the evidence are audited, the person's own is not; only auditors see the audit
        String auditor = TOKENS.issue("auditor", "au-1", null);
        String request = "offences of " + employee;
        given().auth().oauth2(auditor).queryParam("limit", 1000).get("/api/evidence-reads").then().statusCode(200)
                .body("findAll { it.request == '" + request + "' }.reader", equalTo(List.of("hr-1", "E-head")))
                .body("find { it.reader == 'hr-1' && it.request == '" + request + "' }.returned", equalTo(3));
        given().auth().oauth2(TOKENS.issue("hr", "hr-1", null)).get("/api/evidence-reads").then().statusCode(403);
    }

    @Test
    void gl7HrAndOperatorsSeeThePolicyModerationAppliesAndNobodyElseDoes() {
        String groupId = group("customer", 7, WORK_POLICY, OffsetDateTime.now(ZoneOffset.UTC));
        String hr = TOKENS.issue("hr", "hr-1", null);
        given().auth().oauth2(hr).get("/api/groups/{id}/moderation-policy", groupId).then().statusCode(200)
                .body("typeId", equalTo("customer")).body("version", equalTo(7))
                .body("companyDefault", equalTo(false))
                .body("moderation.sanctionsLadder[1].yuan", equalTo(50));
        given().auth().oauth2(TOKENS.issue("operator", "ops-1", null))
                .get("/api/groups/{id}/moderation-policy", "generic:chat-" + groupId).then().statusCode(200)
                .body("groupId", equalTo(groupId));
        given().auth().oauth2(hr).get("/api/groups/{id}/moderation-policy", "slack:C-unbound").then()
                .statusCode(200).body("companyDefault", equalTo(true)).body("moderation.contentActions.porn",
                        equalTo("REMOVAL"));
        given().auth().oauth2(hr).get("/api/groups/{id}/moderation-policy", "G-nobody").then().statusCode(404);
        given().auth().oauth2(TOKENS.issue("employee", "E-1", null))
                .get("/api/groups/{id}/moderation-policy", groupId).then().statusCode(403);
        given().get("/api/groups/{id}/moderation-policy", groupId).then().statusCode(401);
    }

    @Test
    void sv2OffencesOfOnePersonJudgedConcurrentlyInManyChatsGetDistinctNumbers() throws Exception {
        int chats = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<ViolationOpened>>> judged = new ArrayList<>();
            for (int i = 0; i < chats; i++) {
                EventEnvelope<MessagePosted> event = message("generic:c-" + UUID.randomUUID(), "你真是个白痴");
                judged.add(pool.submit(() -> moderation.judge(event)));
            }
            List<Integer> offences = new ArrayList<>();
            for (Future<Optional<ViolationOpened>> future : judged) {
                offences.add(future.get().orElseThrow().offence());
            }
            assertEquals(IntStream.rangeClosed(1, chats).boxed().toList(), offences.stream().sorted().toList(),
                    "each offence its own number, so no two get the same rung");
        } finally {
            pool.shutdownNow();
        }
    }
}
