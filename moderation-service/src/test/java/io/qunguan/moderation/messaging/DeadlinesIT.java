package io.qunguan.moderation.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.DeadlineOpened;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Response deadlines (BH-5, SV-4) against a real broker and database, with the clock in the test's hands: a leader's
 * task opens a deadline for each person it names; an answer in 20 minutes meets it and publishes the response time;
 * one in 40 minutes misses it, a BH-5 violation with the policy's fine; a task given at 23:00 starts at the next
 * working morning; two instances firing at once fire each deadline once.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class DeadlinesIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String POLICY = """
            {"contentActions": {}, "responseDeadlineMinutes": 30, "responseDeadline": {"fineYuan": 100},
             "quietHours": {"from": "22:00", "to": "08:00", "zone": "Asia/Shanghai", "daysOff": true}}""";
    /** Tuesday 1 December 2026, 10:00 in Shanghai: working time. */
    private static final OffsetDateTime MORNING = OffsetDateTime.parse("2026-12-01T10:00:00+08:00");

    @Inject
    EntityManager entities;
    @Inject
    Deadlines deadlines;
    @Inject
    MeterRegistry registry;

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

    /** A department's group: its head LEAD (a director), members A, B and C of D-ops, an outsider O of D-sales. */
    private String group() {
        return fixtures.group("department", 1, POLICY, OffsetDateTime.now(ZoneOffset.UTC),
                new GroupSnapshot.Member(employee("lead"), "generic:" + user("lead"), "D-ops", "director", "MEMBER"),
                new GroupSnapshot.Member(employee("a"), "generic:" + user("a"), "D-ops", null, "MEMBER"),
                new GroupSnapshot.Member(employee("b"), "generic:" + user("b"), "D-ops", null, "MEMBER"),
                new GroupSnapshot.Member(employee("c"), "generic:" + user("c"), "D-ops", null, "MEMBER"),
                new GroupSnapshot.Member(employee("o"), "generic:" + user("o"), "D-sales", null, "MEMBER"));
    }

    private EventEnvelope<MessagePosted> say(String groupId, String who, String text, OffsetDateTime at,
            String... mentioned) {
        return reply(groupId, who, text, at, null, mentioned);
    }

    /** A message quoting {@code replyTo} (null: none). */
    private EventEnvelope<MessagePosted> reply(String groupId, String who, String text, OffsetDateTime at,
            String replyTo, String... mentioned) {
        String messageId = "m-" + UUID.randomUUID();
        String chat = "chat-" + groupId;
        MessagePosted posted = new MessagePosted(Platform.GENERIC.chatKey(chat), Platform.GENERIC, chat, "运维部-值班群",
                messageId, user(who), who, MessageKind.TEXT, text,
                List.of(mentioned).stream().map(this::user).toList(), replyTo, at, null, null);
        EventEnvelope<MessagePosted> event = EventEnvelope.of(EventIds.fromPlatform("generic", messageId), "/test", at,
                posted);
        probe.publish(event);
        return event;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String groupId) {
        return QuarkusTransaction.requiringNew().call(() -> entities.createNativeQuery("""
                        SELECT assignee_employee, status, answered_at, starts_at, due_at FROM response_deadline
                        WHERE group_id = ?1 ORDER BY assignee_employee""")
                .setParameter(1, groupId).getResultList());
    }

    private long bh5Violations(String groupId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entities.createNativeQuery(
                "SELECT count(*) FROM violation WHERE group_id = ?1 AND rule_id = 'BH-5'").setParameter(1, groupId)
                .getSingleResult()).longValue());
    }

    private List<Object[]> awaitRows(String groupId, Predicate<List<Object[]>> until) {
        return await().atMost(WAIT).until(() -> rows(groupId), until);
    }

    @Test
    void bh5ATaskAnsweredIn20MinutesIsMetAndOneAnsweredIn40IsABh5ViolationWithTheFine() {
        String groupId = group();
        say(groupId, "lead", "@A @B 请今天下班前把周报发我", MORNING, "a", "b");
        awaitRows(groupId, rows -> rows.size() == 2);
        say(groupId, "a", "好的，马上整理", MORNING.plusMinutes(20));
        say(groupId, "b", "收到", MORNING.plusMinutes(40));
        awaitRows(groupId, rows -> rows.stream().allMatch(row -> row[2] != null));
        assertEquals(List.of("MET", "OPEN"), rows(groupId).stream().map(row -> row[1]).toList());

        // other tests' deadlines may fall due at these moments too; this group's are looked at
        deadlines.fireDue(MORNING.plusMinutes(41));
        deadlines.fireDue(MORNING.plusMinutes(42));
        assertEquals(List.of("MET", "MISSED"), rows(groupId).stream().map(row -> row[1]).toList());
        assertEquals(1, bh5Violations(groupId), "fired once");

        List<ResponseMeasured> measured = Fixtures.published(probe, groupId, ResponseMeasured.class,
                all -> all.size() >= 2, WAIT);
        ResponseMeasured a = measured.stream().filter(m -> m.employeeId().equals(employee("a"))).findFirst()
                .orElseThrow();
        assertTrue(a.met());
        assertEquals(1200L, a.responseSeconds());
        assertNull(a.violationId());
        assertEquals(employee("lead"), a.leaderEmployeeId());
        assertEquals("D-ops", a.departmentId(), "the person's department, for the department's assessment");
        ResponseMeasured b = measured.stream().filter(m -> m.employeeId().equals(employee("b"))).findFirst()
                .orElseThrow();
        assertTrue(!b.met());
        assertEquals(2400L, b.responseSeconds());

        ViolationOpened violation = fixtures.violationsOf(groupId, 1, WAIT).getFirst();
        assertEquals("BH-5", violation.ruleId());
        assertEquals(b.violationId(), violation.violationId());
        assertEquals(employee("b"), violation.employeeId());
        assertEquals(new Sanction(Sanction.Kind.FINE, null, 100), violation.sanction());
        assertTrue(violation.maskedEvidence().contains("周报"), violation.maskedEvidence());
    }

    @Test
    void aDeadlinePastDueAndNotFiredCountsInTheOverdueTimersGaugeUntilItFires() {
        double before = overdueTimers();
        String groupId = group();
        say(groupId, "lead", "@A 请把发布清单发我", MORNING, "a");
        awaitRows(groupId, rows -> rows.size() == 1);
        // due at 10:30 on 1 December, long past: no timer fires in the tests but the ones they call
        await().atMost(WAIT).until(() -> overdueTimers() == before + 1);

        deadlines.fireDue(MORNING.plusMinutes(31));
        assertEquals(List.of("MISSED"), rows(groupId).stream().map(row -> row[1]).toList());
        assertTrue(overdueTimers() <= before, "fired deadlines are not overdue: " + overdueTimers() + " > " + before);
    }

    private double overdueTimers() {
        return registry.get("qunguan.timers.overdue").gauge().value();
    }

    @Test
    void bh5ATaskGivenAt23StartsAtTheNextWorkingMorningAndThanksOrAnEmployeesAskOpenNone() {
        String groupId = group();
        say(groupId, "lead", "@C 谢谢，辛苦了", MORNING, "c");
        say(groupId, "a", "@C 请帮我看下这个报价", MORNING.plusMinutes(1), "c");
        OffsetDateTime late = OffsetDateTime.parse("2026-12-01T23:00:00+08:00");
        say(groupId, "lead", "@C 明早把方案发我", late, "c");
        // the roster's messages are judged in order: once the late task is in, the two before it opened nothing
        Object[] row = awaitRows(groupId, rows -> !rows.isEmpty()).getFirst();
        assertEquals(1, rows(groupId).size());
        assertEquals(OffsetDateTime.parse("2026-12-02T08:00:00+08:00").toInstant(), instant(row[3]));
        assertEquals(OffsetDateTime.parse("2026-12-02T08:30:00+08:00").toInstant(), instant(row[4]));
        deadlines.fireDue(OffsetDateTime.parse("2026-12-02T08:29:00+08:00"));
        assertEquals("OPEN", rows(groupId).getFirst()[1]);
        deadlines.fireDue(OffsetDateTime.parse("2026-12-02T08:30:00+08:00"));
        assertEquals("MISSED", rows(groupId).getFirst()[1]);
    }

    @Test
    void bh5ThePersonIsRemindedOnceTenMinutesBeforeTheDeadlineUnlessTheyAnswered() {
        String groupId = group();
        say(groupId, "lead", "@A @B 麻烦把合同再核对一遍", MORNING, "a", "b");
        awaitRows(groupId, rows -> rows.size() == 2);
        say(groupId, "a", "在核对了", MORNING.plusMinutes(5));
        awaitRows(groupId, rows -> rows.getFirst()[2] != null);
        // 19 minutes in nobody is reminded; 20 minutes in, B (who has not answered) is, once
        deadlines.fireDue(MORNING.plusMinutes(19));
        deadlines.fireDue(MORNING.plusMinutes(20));
        deadlines.fireDue(MORNING.plusMinutes(21));
        // the miss comes after any reminder on the group's partition: a marker for "no other reminder"
        deadlines.fireDue(MORNING.plusMinutes(31));
        List<EventPayload> published = Fixtures.published(probe, groupId, EventPayload.class,
                all -> all.stream().anyMatch(event -> event instanceof ResponseMeasured m && !m.met()), WAIT);
        List<ResponseDueSoon> reminders = published.stream().filter(ResponseDueSoon.class::isInstance)
                .map(ResponseDueSoon.class::cast).toList();
        assertEquals(List.of(employee("b")), reminders.stream().map(ResponseDueSoon::employeeId).toList());
        // each deadline was announced when it opened, for the dashboard's open items
        List<DeadlineOpened> opened = published.stream().filter(DeadlineOpened.class::isInstance)
                .map(DeadlineOpened.class::cast).toList();
        assertEquals(List.of(employee("a"), employee("b")), opened.stream().map(DeadlineOpened::employeeId).sorted()
                .toList());
        assertEquals(MORNING.plusMinutes(30).toInstant(), opened.getFirst().dueAt().toInstant());
        assertEquals(MORNING.plusMinutes(30).toInstant(), reminders.getFirst().dueAt().toInstant());
        assertTrue(reminders.getFirst().excerpt().contains("合同"));
    }

    @Test
    void bh5WhereThePolicyAsksForAReplyAQuoteAnAtBackOrAPlanMeetsItAndOtherMessagesDoNot() {
        String policy = POLICY.replace("\"responseDeadline\": {\"fineYuan\": 100}",
                "\"responseDeadline\": {\"fineYuan\": 100, \"answers\": [\"QUOTE\", \"MENTION\", \"PLAN\"]}");
        String groupId = fixtures.group("department", 1, policy, OffsetDateTime.now(ZoneOffset.UTC),
                new GroupSnapshot.Member(employee("lead"), "generic:" + user("lead"), "D-ops", "director", "MEMBER"),
                new GroupSnapshot.Member(employee("a"), "generic:" + user("a"), "D-ops", null, "MEMBER"),
                new GroupSnapshot.Member(employee("b"), "generic:" + user("b"), "D-ops", null, "MEMBER"),
                new GroupSnapshot.Member(employee("c"), "generic:" + user("c"), "D-ops", null, "MEMBER"),
                new GroupSnapshot.Member(employee("o"), "generic:" + user("o"), "D-sales", null, "MEMBER"));
        EventEnvelope<MessagePosted> task = say(groupId, "lead", "@A @B @C @O 麻烦把本周的巡检报告核对一遍", MORNING,
                "a", "b", "c", "o");
        awaitRows(groupId, rows -> rows.size() == 4);
        // A and O write about something else first: not an answer here
        say(groupId, "a", "楼下的快递到了", MORNING.plusMinutes(1));
        say(groupId, "o", "哈哈", MORNING.plusMinutes(1));
        reply(groupId, "a", "在核对", MORNING.plusMinutes(5), task.data().messageId());
        say(groupId, "b", "@LEAD 收到", MORNING.plusMinutes(6), "lead");
        say(groupId, "c", "下午三点前发您", MORNING.plusMinutes(7));
        say(groupId, "o", "好", MORNING.plusMinutes(8));
        // a last task marks the end: once it is open, every message before it in the group's partition was judged
        say(groupId, "lead", "@B 请把结论发群里", MORNING.plusMinutes(9), "b");
        List<Object[]> first = awaitRows(groupId, rows -> rows.size() == 5).stream()
                .filter(row -> instant(row[4]).equals(MORNING.plusMinutes(30).toInstant())).toList();
        assertEquals(List.of("MET", "MET", "MET", "OPEN"), first.stream().map(row -> row[1]).toList());
        assertEquals(List.of(5L, 6L, 7L), first.stream().filter(row -> row[2] != null)
                .map(row -> Duration.between(instant(row[3]), instant(row[2])).toMinutes()).toList());
    }

    @Test
    void bh5TwoInstancesFiringAtOnceFireEachDeadlineOnce() throws Exception {
        String groupId = group();
        say(groupId, "lead", "@A @B @C 今天的任务：完成测试用例评审", MORNING, "a", "b", "c");
        awaitRows(groupId, rows -> rows.size() == 3);
        OffsetDateTime later = MORNING.plusHours(1);
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> deadlines.fireDue(later));
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> deadlines.fireDue(later));
        int fired = one.get(30, TimeUnit.SECONDS) + other.get(30, TimeUnit.SECONDS);
        // other groups' deadlines may fall due too; this group's three are fired once each
        assertTrue(fired >= 3, "fired " + fired);
        assertEquals(List.of("MISSED", "MISSED", "MISSED"), rows(groupId).stream().map(r -> r[1]).toList());
        assertEquals(3, bh5Violations(groupId));
    }

    @Test
    void deadlinesAreSeenByThePersonTheLeaderTheHeadOfTheDepartmentAndHrOnly() {
        String groupId = group();
        say(groupId, "lead", "@A 这个客户是否已经签约？", MORNING, "a");
        awaitRows(groupId, rows -> rows.size() == 1);
        String path = "/api/deadlines";
        given().auth().oauth2(TOKENS.issue("employee", employee("a"), "D-ops")).get(path).then().statusCode(200)
                .body("groupId", hasItem(groupId)).body("memberId", everyItem(is("generic:" + user("a"))))
                .body("find { it.groupId == '" + groupId + "' }.task", is("@A 这个客户是否已经签约？"));
        given().auth().oauth2(TOKENS.issue("employee", employee("lead"), "D-ops")).get(path).then().statusCode(200)
                .body("groupId", hasItem(groupId));
        given().auth().oauth2(TOKENS.issue("dept-head", "HEAD-ops-" + run, "D-ops")).get(path).then()
                .statusCode(200).body("groupId", hasItem(groupId));
        given().auth().oauth2(TOKENS.issue("employee", employee("o"), "D-sales")).get(path).then().statusCode(200)
                .body("groupId", not(hasItem(groupId)));
        given().auth().oauth2(TOKENS.issue("dept-head", "HEAD-sales-" + run, "D-sales")).get(path).then()
                .statusCode(200).body("groupId", not(hasItem(groupId)));
        String hr = "hr-" + run;
        given().auth().oauth2(TOKENS.issue("hr", hr, null)).get(path).then().statusCode(200)
                .body("groupId", hasItem(groupId));
        // OPEN, or MISSED when another test's timer fired it: the filter gives that status, this deadline among them
        String status = (String) rows(groupId).getFirst()[1];
        given().auth().oauth2(TOKENS.issue("hr", hr, null)).queryParam("status", status).get(path).then()
                .statusCode(200).body("groupId", hasItem(groupId)).body("status", everyItem(is(status)));
        given().auth().oauth2(TOKENS.issue("auditor", "audit-" + run, null)).queryParam("reader", hr)
                .get("/api/evidence-reads").then().statusCode(200).body("reader", hasItem(hr));
        given().get(path).then().statusCode(401);
        given().auth().oauth2(TOKENS.issue("operator", "ops-" + run, null)).get(path).then().statusCode(403);
        given().auth().oauth2(TOKENS.issue("hr", hr, null)).queryParam("status", "LATE").get(path).then()
                .statusCode(400);
        // the requests' latency is in buckets, so that a p99 across replicas can be alerted on
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{")
                && line.contains("uri=\"/api/deadlines\"") && line.contains("le=\"1.5\"")),
                "no 1.5 s bucket for /api/deadlines");
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) value;
    }
}
