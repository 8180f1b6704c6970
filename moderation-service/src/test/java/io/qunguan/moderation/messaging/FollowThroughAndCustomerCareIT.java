package io.qunguan.moderation.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.DeadlineKind;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.EventPayload;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Platform;
import io.qunguan.events.ResponseDueSoon;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.events.Sanction;
import io.qunguan.events.ViolationOpened;
import io.qunguan.moderation.domain.Deadlines;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Same-day follow-through (BH-7) and customer care (BH-9) against a real broker and database, the clock in the
 * test's hands: a leader's task closed in the chat ("已完成") is met, one left open past the end of the working day
 * is a BH-7 violation with the fine after a reminder, one given late in the day is due the next working day, one is
 * closed over REST by its person; a customer's messages wait once for a staff reply, the reply to one customer
 * leaves the other waiting, and the wait not replied to is a BH-9 violation of the group's owner.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class FollowThroughAndCustomerCareIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String QUIET = """
            "quietHours": {"from": "22:00", "to": "08:00", "zone": "Asia/Shanghai", "daysOff": true}""";
    private static final String WORK_POLICY = """
            {"contentActions": {}, "responseDeadlineMinutes": 30, "responseDeadline": {"fineYuan": 100},
             "followThrough": {"endOfDay": "18:00", "fineYuan": 50, "remindBeforeMinutes": 60}, %s}"""
            .formatted(QUIET);
    private static final String CUSTOMER_POLICY = """
            {"contentActions": {"unanswered-customer": "RECORD"},
             "customerReply": {"withinMinutes": 15, "remindBeforeMinutes": 5}, %s}""".formatted(QUIET);
    /** Tuesday 1 December 2026, 10:00 in Shanghai: working time. */
    private static final OffsetDateTime MORNING = OffsetDateTime.parse("2026-12-01T10:00:00+08:00");

    @Inject
    EntityManager entities;
    @Inject
    Deadlines deadlines;

    private KafkaProbe probe;
    private Fixtures fixtures;
    private String run;

    @BeforeEach
    void probe() {
        probe = KafkaResource.probe();
        fixtures = new Fixtures(probe, entities);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private String user(String who) {
        return "u-" + who + "-" + run;
    }

    private String employee(String who) {
        return "E-" + who + "-" + run;
    }

    private GroupSnapshot.Member staff(String who, String rank, String role) {
        return new GroupSnapshot.Member(employee(who), "generic:" + user(who), "D-ops", rank, role);
    }

    private GroupSnapshot.Member customer(String who) {
        return new GroupSnapshot.Member(null, "generic:" + user(who), null, null, "MEMBER");
    }

    private EventEnvelope<MessagePosted> say(String groupId, String who, String text, OffsetDateTime at,
            String replyTo, String... mentioned) {
        String messageId = "m-" + UUID.randomUUID();
        String chat = "chat-" + groupId;
        MessagePosted posted = new MessagePosted(Platform.GENERIC.chatKey(chat), Platform.GENERIC, chat, "运维部-工作群",
                messageId, user(who), who, MessageKind.TEXT, text,
                List.of(mentioned).stream().map(this::user).toList(), replyTo, at, null, null);
        EventEnvelope<MessagePosted> event = EventEnvelope.of(EventIds.fromPlatform("generic", messageId), "/test", at,
                posted);
        probe.publish(event);
        return event;
    }

    /** id, assignee's employee id, status, answered_at, due_at, answered_by, of one kind, by assignee then opening. */
    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String groupId, DeadlineKind kind) {
        return QuarkusTransaction.requiringNew().call(() -> entities.createNativeQuery("""
                        SELECT id, assignee_employee, status, answered_at, due_at, answered_by, leader_id
                        FROM response_deadline WHERE group_id = ?1 AND kind = ?2
                        ORDER BY assignee_employee, opened_at""")
                .setParameter(1, groupId).setParameter(2, kind.name()).getResultList());
    }

    private List<Object[]> awaitRows(String groupId, DeadlineKind kind, Predicate<List<Object[]>> until) {
        return await().atMost(WAIT).until(() -> rows(groupId, kind), until);
    }

    private long violations(String groupId, String ruleId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entities.createNativeQuery(
                        "SELECT count(*) FROM violation WHERE group_id = ?1 AND rule_id = ?2")
                .setParameter(1, groupId).setParameter(2, ruleId).getSingleResult()).longValue());
    }

    @Test
    void bh7ATaskClosedInTheChatIsMetAndOneLeftOpenIsRemindedThenABh7ViolationWithTheFine() {
        String groupId = fixtures.group("department", 1, WORK_POLICY, MORNING, staff("lead", "director", "MEMBER"),
                staff("a", null, "MEMBER"), staff("b", null, "MEMBER"));
        EventEnvelope<MessagePosted> task = say(groupId, "lead", "@A @B 请今天把客户回访记录整理出来", MORNING, null,
                "a", "b");
        List<Object[]> open = awaitRows(groupId, DeadlineKind.FOLLOW_THROUGH, rows -> rows.size() == 2);
        // due at the end of the working day, 18:00 in Shanghai; the answer deadline (BH-5) is opened beside it
        assertEquals(OffsetDateTime.parse("2026-12-01T18:00:00+08:00").toInstant(), instant(open.getFirst()[4]));
        assertEquals(2, rows(groupId, DeadlineKind.RESPONSE).size());

        say(groupId, "b", "收到", MORNING.plusMinutes(5), null);
        say(groupId, "a", "正在整理，下午发", MORNING.plusMinutes(6), null);
        // a plan is no closing; "已完成" quoting the task is
        say(groupId, "a", "已完成，发群文件了", MORNING.plusHours(5), task.data().messageId());
        List<Object[]> closed = awaitRows(groupId, DeadlineKind.FOLLOW_THROUGH,
                rows -> rows.getFirst()[3] != null);
        assertEquals("MET", closed.getFirst()[2]);
        assertEquals("generic:" + user("a"), closed.getFirst()[5]);
        assertEquals(List.of("MET", "MET"), rows(groupId, DeadlineKind.RESPONSE).stream().map(r -> r[2]).toList());

        // an hour before the end of the day, B (who has not closed it) is reminded; at 18:00 it is missed, once
        deadlines.fireDue(OffsetDateTime.parse("2026-12-01T16:59:00+08:00"));
        deadlines.fireDue(OffsetDateTime.parse("2026-12-01T17:00:00+08:00"));
        deadlines.fireDue(OffsetDateTime.parse("2026-12-01T18:00:00+08:00"));
        deadlines.fireDue(OffsetDateTime.parse("2026-12-01T18:01:00+08:00"));
        assertEquals(List.of("MET", "MISSED"), rows(groupId, DeadlineKind.FOLLOW_THROUGH).stream().map(r -> r[2])
                .toList());
        assertEquals(1, violations(groupId, "BH-7"));

        List<EventPayload> published = Fixtures.published(probe, groupId, EventPayload.class, all -> all.stream()
                .anyMatch(event -> event instanceof ResponseMeasured m && m.kind() == DeadlineKind.FOLLOW_THROUGH
                        && !m.met()), WAIT);
        List<ResponseDueSoon> reminders = published.stream().filter(ResponseDueSoon.class::isInstance)
                .map(ResponseDueSoon.class::cast).filter(r -> r.kind() == DeadlineKind.FOLLOW_THROUGH).toList();
        assertEquals(List.of(employee("b")), reminders.stream().map(ResponseDueSoon::employeeId).toList());
        ResponseMeasured met = published.stream().filter(ResponseMeasured.class::isInstance)
                .map(ResponseMeasured.class::cast)
                .filter(m -> m.kind() == DeadlineKind.FOLLOW_THROUGH && m.met()).findFirst().orElseThrow();
        assertEquals(employee("a"), met.employeeId());
        assertEquals(5 * 3600L, met.responseSeconds());
        ViolationOpened violation = fixtures.violationsOf(groupId, 1, WAIT).stream()
                .filter(v -> v.ruleId().equals("BH-7")).findFirst().orElseThrow();
        assertEquals(employee("b"), violation.employeeId());
        assertEquals(new Sanction(Sanction.Kind.FINE, null, 50), violation.sanction());
        assertTrue(violation.maskedEvidence().contains("客户回访记录"), violation.maskedEvidence());
    }

    @Test
    void bh7ATaskGivenLateInTheDayIsDueTheNextWorkingDayAndClosingItOverRestAfterThatIsStillAMiss() {
        String groupId = fixtures.group("department", 1, WORK_POLICY, MORNING, staff("lead", "director", "MEMBER"),
                staff("c", null, "MEMBER"));
        // 16:30 leaves less than the two hours' minimum of the day: due Wednesday 18:00
        say(groupId, "lead", "@C 麻烦把投标文件再核对一遍", OffsetDateTime.parse("2026-12-01T16:30:00+08:00"), null, "c");
        Object[] row = awaitRows(groupId, DeadlineKind.FOLLOW_THROUGH, rows -> rows.size() == 1).getFirst();
        assertEquals(OffsetDateTime.parse("2026-12-02T18:00:00+08:00").toInstant(), instant(row[4]));
        deadlines.fireDue(OffsetDateTime.parse("2026-12-01T18:00:00+08:00"));
        assertEquals("OPEN", rows(groupId, DeadlineKind.FOLLOW_THROUGH).getFirst()[2]);

        // closed over REST after it fell due (the clock of the request is today's): on record as late, and the
        // timer still fires it as a miss
        given().auth().oauth2(TOKENS.issue("employee", employee("c"), "D-ops")).contentType("application/json")
                .body(Map.of("note", "已核对")).post("/api/deadlines/" + row[0] + "/closure").then().statusCode(200)
                .body("status", is("OPEN")).body("closedBy", is(employee("c")));
        deadlines.fireDue(OffsetDateTime.parse("2026-12-02T18:00:00+08:00"));
        assertEquals("MISSED", rows(groupId, DeadlineKind.FOLLOW_THROUGH).getFirst()[2]);
        assertEquals(1, violations(groupId, "BH-7"));
    }

    @Test
    void bh7ATaskIsClosedOverRestByItsPersonOrTheLeaderAndAnAnswerDeadlineOnlyByTheLeader() {
        String groupId = fixtures.group("department", 1, WORK_POLICY, MORNING, staff("lead", "director", "MEMBER"),
                staff("c", null, "MEMBER"), staff("o", null, "MEMBER"));
        // given now: its end of day, and its answer deadline, are ahead of the request's clock whatever day it is
        say(groupId, "lead", "@C 麻烦把投标文件再核对一遍", OffsetDateTime.now(), null, "c");
        Object[] row = awaitRows(groupId, DeadlineKind.FOLLOW_THROUGH, rows -> rows.size() == 1).getFirst();
        String path = "/api/deadlines/" + row[0] + "/closure";

        given().auth().oauth2(TOKENS.issue("employee", employee("o"), "D-ops")).contentType("application/json")
                .body(Map.of("note", "我帮他关了")).post(path).then().statusCode(403);
        given().auth().oauth2(TOKENS.issue("employee", employee("c"), "D-ops")).contentType("application/json")
                .body(Map.of("note", " ")).post(path).then().statusCode(422);
        given().contentType("application/json").body(Map.of("note", "done")).post(path).then().statusCode(401);
        given().auth().oauth2(TOKENS.issue("employee", employee("c"), "D-ops")).contentType("application/json")
                .body(Map.of("note", "已核对，发邮件给王总了")).post(path).then().statusCode(200)
                .body("kind", is("FOLLOW_THROUGH")).body("ruleId", is("BH-7")).body("status", is("MET"))
                .body("closedBy", is(employee("c"))).body("closingNote", is("已核对，发邮件给王总了"));
        given().auth().oauth2(TOKENS.issue("employee", employee("c"), "D-ops")).contentType("application/json")
                .body(Map.of("note", "again")).post(path).then().statusCode(409);
        given().auth().oauth2(TOKENS.issue("hr", "hr-" + run, null)).contentType("application/json")
                .body(Map.of("note", "x")).post("/api/deadlines/" + UUID.randomUUID() + "/closure").then()
                .statusCode(404);

        // the answer deadline (BH-5) is not the person's to close: they answer in the chat; the leader may
        UUID response = (UUID) rows(groupId, DeadlineKind.RESPONSE).getFirst()[0];
        given().auth().oauth2(TOKENS.issue("employee", employee("c"), "D-ops")).contentType("application/json")
                .body(Map.of("note", "电话里回过了")).post("/api/deadlines/" + response + "/closure").then()
                .statusCode(403);
        given().auth().oauth2(TOKENS.issue("employee", employee("lead"), "D-ops")).contentType("application/json")
                .body(Map.of("note", "电话里回过了")).post("/api/deadlines/" + response + "/closure").then()
                .statusCode(200).body("status", is("MET")).body("ruleId", is("BH-5"));
        given().auth().oauth2(TOKENS.issue("employee", employee("c"), "D-ops")).queryParam("kind", "FOLLOW_THROUGH")
                .get("/api/deadlines").then().statusCode(200).body("groupId", hasItem(groupId))
                .body("kind", everyItem(is("FOLLOW_THROUGH")));
        given().auth().oauth2(TOKENS.issue("employee", employee("c"), "D-ops")).queryParam("kind", "LATER")
                .get("/api/deadlines").then().statusCode(400).body(containsString("kind is one of"));
    }

    @Test
    void bh9ACustomerWaitsOnceForAStaffReplyAndTheWaitNobodyAnsweredIsABh9ViolationOfTheOwner() {
        String groupId = fixtures.group("customer", 1, CUSTOMER_POLICY, MORNING, staff("owner", null, "OWNER"),
                staff("s", null, "MEMBER"), customer("x"), customer("y"));
        say(groupId, "x", "你好，我们的订单什么时候发货？", MORNING, null);
        say(groupId, "x", "在吗", MORNING.plusMinutes(2), null);
        say(groupId, "y", "@S 发票开好了吗", MORNING.plusMinutes(3), null, "s");
        List<Object[]> waiting = awaitRows(groupId, DeadlineKind.CUSTOMER_REPLY, rows -> rows.size() == 2);
        // X's two messages are one wait, held against the owner; Y named S
        assertEquals(List.of(employee("owner"), employee("s")), waiting.stream().map(r -> r[1]).toList());
        assertEquals(List.of("generic:" + user("x"), "generic:" + user("y")),
                waiting.stream().map(r -> r[6]).toList());
        assertEquals(MORNING.plusMinutes(15).toInstant(), instant(waiting.getFirst()[4]));

        // S answers Y by name: X still waits
        say(groupId, "s", "@Y 已开好，今天寄出", MORNING.plusMinutes(10), null, "y");
        awaitRows(groupId, DeadlineKind.CUSTOMER_REPLY, rows -> rows.get(1)[3] != null);
        assertEquals(List.of("OPEN", "MET"), rows(groupId, DeadlineKind.CUSTOMER_REPLY).stream().map(r -> r[2])
                .toList());
        assertEquals("generic:" + user("s"), rows(groupId, DeadlineKind.CUSTOMER_REPLY).get(1)[5]);

        deadlines.fireDue(MORNING.plusMinutes(10));
        deadlines.fireDue(MORNING.plusMinutes(15));
        assertEquals(List.of("MISSED", "MET"), rows(groupId, DeadlineKind.CUSTOMER_REPLY).stream().map(r -> r[2])
                .toList());
        List<EventPayload> published = Fixtures.published(probe, groupId, EventPayload.class, all -> all.stream()
                .anyMatch(event -> event instanceof ResponseMeasured m && !m.met()), WAIT);
        ResponseMeasured missed = published.stream().filter(ResponseMeasured.class::isInstance)
                .map(ResponseMeasured.class::cast).filter(m -> !m.met()).findFirst().orElseThrow();
        assertEquals(DeadlineKind.CUSTOMER_REPLY, missed.kind());
        assertEquals(employee("owner"), missed.employeeId());
        assertNotNull(missed.violationId());
        // the owner was reminded 5 minutes before; S's wait was answered before its reminder
        assertEquals(List.of(employee("owner")), published.stream().filter(ResponseDueSoon.class::isInstance)
                .map(ResponseDueSoon.class::cast).map(ResponseDueSoon::employeeId).toList());
        // the policy records a customer left waiting: on file, no offence on the ladder
        ViolationOpened violation = fixtures.violationsOf(groupId, 1, WAIT).stream()
                .filter(v -> v.ruleId().equals("BH-9")).findFirst().orElseThrow();
        assertEquals(employee("owner"), violation.employeeId());
        assertEquals(0, violation.offence());
        assertTrue(violation.maskedEvidence().contains("什么时候发货"), violation.maskedEvidence());

        // a customer writing at 23:00 waits from the next working morning; a later staff message answers them
        say(groupId, "x", "明天能到吗", OffsetDateTime.parse("2026-12-01T23:00:00+08:00"), null);
        List<Object[]> night = awaitRows(groupId, DeadlineKind.CUSTOMER_REPLY, rows -> rows.size() == 3);
        assertEquals(OffsetDateTime.parse("2026-12-02T08:15:00+08:00").toInstant(), instant(night.get(1)[4]));
        say(groupId, "owner", "早上好，今天上午送到", OffsetDateTime.parse("2026-12-02T08:05:00+08:00"), null);
        await().atMost(WAIT).until(() -> rows(groupId, DeadlineKind.CUSTOMER_REPLY).get(1)[3] != null);
        assertEquals("MET", rows(groupId, DeadlineKind.CUSTOMER_REPLY).get(1)[2]);
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) value;
    }
}
