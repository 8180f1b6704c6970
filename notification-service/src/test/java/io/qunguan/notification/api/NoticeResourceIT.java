package io.qunguan.notification.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.DepartmentChanged;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.AppealDecisionDue;
import io.qunguan.events.ReportPublished;
import io.qunguan.events.DeadlineKind;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.Language;
import io.qunguan.events.Platform;
import io.qunguan.events.ResponseDueSoon;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.events.PersonnelChanged.Change;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationEscalated;
import io.qunguan.events.ViolationOpened;
import io.qunguan.notification.domain.directory.DepartmentRecord;
import io.qunguan.notification.domain.directory.Person;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.qunguan.testkit.Violations;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An offender gets exactly one notice per violation, however often it arrives; people read only their own. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class NoticeResourceIT {

    private static final Tokens TOKENS = Tokens.forTests();
    /** As long as the other notification ITs: the first test of a fresh app also waits for partition assignment. */
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Test
    void sv1OffenderIsNoticedOnceAndOnlyTheyAndHrCanReadIt() {
        String member = "u-" + UUID.randomUUID();
        String employee = "E-" + member;
        ViolationOpened violation = Violations.inChat("generic:chat-9", member, "CT-2", "abuse", Severity.MEDIUM,
                "你真是个白痴", "REMINDER");
        EventEnvelope<ViolationOpened> event = EventEnvelope.fresh("/test", violation);
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/test", new EmployeeChanged(employee, Change.HIRED, "钱七", "SALES",
                    null, null, "staff", null, false, true, Map.of("generic", member), null, null,
                    OffsetDateTime.now())));
            probe.publish(event);
            probe.publish(event);
            probe.publish(EventEnvelope.fresh("/test", violation));
        }

        Awaitility.await().atMost(WITHIN).untilAsserted(() ->
                given().auth().oauth2(TOKENS.issue("employee", employee, "销售部"))
                        .get("/api/people/{id}/notices", employee).then().statusCode(200)
                        .body("$", hasSize(1)).body("[0].body", containsString("CT-2"))
                        .body("[0].kind", equalTo("VIOLATION")).body("[0].recipientId", equalTo(employee)));

        given().auth().oauth2(TOKENS.issue("hr", "hr-1", "人力资源部"))
                .get("/api/people/{id}/notices", employee).then().statusCode(200).body("$", hasSize(1));
        given().auth().oauth2(TOKENS.issue("employee", "someone-else", "销售部"))
                .get("/api/people/{id}/notices", employee).then().statusCode(403);
        given().get("/api/people/{id}/notices", employee).then().statusCode(401);
        // HR's read quotes the violation's evidence: audited, unlike the person's own
        given().auth().oauth2(TOKENS.issue("auditor", "au-1", null)).queryParam("limit", 1000)
                .get("/api/evidence-reads").then().statusCode(200)
                .body("findAll { it.request == 'notices of " + employee + "' }.reader", equalTo(List.of("hr-1")));
    }

    @Test
    void sv6TheViolationNoticeSaysUntilWhenToAppealAndTheAppellantIsToldTheOutcome() {
        String member = "u-" + UUID.randomUUID();
        String employee = "E-" + member;
        ViolationOpened violation = Violations.inChat("generic:chat-9", member, "CT-2", "abuse", Severity.MEDIUM,
                "你真是个白痴", "REMINDER");
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/test", new EmployeeChanged(employee, Change.HIRED, "钱七", "SALES",
                    null, null, "staff", null, false, true, Map.of("generic", member), null, null,
                    OffsetDateTime.now())));
            probe.publish(EventEnvelope.fresh("/test", violation));
            EventEnvelope<AppealDecided> decided = EventEnvelope.fresh("/moderation-service", new AppealDecided(
                    UUID.randomUUID(), violation.violationId(), violation.groupId(), violation.platform(),
                    violation.chatId(), member, employee, "CT-2", violation.sanction(), true, "引用客户原话，非辱骂",
                    "E-head", OffsetDateTime.now(ZoneOffset.UTC)));
            probe.publish(decided);
            probe.publish(decided);
        }
        String token = TOKENS.issue("employee", employee, "销售部");
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(token)
                .get("/api/people/{id}/notices", employee).then().statusCode(200).body("$", hasSize(2)));
        given().auth().oauth2(token).get("/api/people/{id}/notices", employee).then()
                .body("find { it.kind == 'VIOLATION' }.body", containsString(violation.violationId().toString()))
                .body("find { it.kind == 'VIOLATION' }.body", containsString("前通过群管系统提出申诉"))
                .body("find { it.kind == 'APPEAL_OUTCOME' }.body", containsString("申诉成立"))
                .body("find { it.kind == 'APPEAL_OUTCOME' }.body", containsString("引用客户原话，非辱骂"));
    }

    @Test
    void bh5Bh7TheLeaderIsToldOfATaskNotAnsweredInTimeAndThePersonIsRemindedOfWhatTheyOwe() {
        String leader = "E-lead-" + UUID.randomUUID();
        OffsetDateTime due = OffsetDateTime.parse("2026-12-01T10:30:00+08:00");
        try (KafkaProbe probe = KafkaResource.probe()) {
            for (boolean met : new boolean[] {true, false}) {
                EventEnvelope<ResponseMeasured> event = EventEnvelope.fresh("/moderation-service",
                        new ResponseMeasured(UUID.randomUUID(), "g-deadlines", Platform.GENERIC, "chat-1", "m-1",
                                "generic:u-lead", leader, "generic:u-b", null, due.minusMinutes(30),
                                due.minusMinutes(30), met ? due.plusHours(1) : due, null, null, met,
                                met ? null : UUID.randomUUID(), null, null));
                probe.publish(event);
                probe.publish(event);
            }
        }
        String token = TOKENS.issue("employee", leader, "销售部");
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(token)
                .get("/api/people/{id}/notices", leader).then().statusCode(200).body("$", hasSize(1))
                .body("[0].kind", equalTo("DEADLINE_MISSED"))
                // an event written before deadlines had kinds is a response deadline's
                .body("[0].body", containsString("2026-12-01 10:30")).body("[0].body", containsString("BH-5")));

        // before a deadline, the person who has not answered is reminded, at once, of what they owe: here a task
        // to close the same day (BH-7)
        String member = "E-member-" + UUID.randomUUID();
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/moderation-service", new ResponseDueSoon(UUID.randomUUID(),
                    "g-deadlines", Platform.GENERIC, "chat-1", "generic:u-b", member, "@B 麻烦把合同再核对一遍", due,
                    DeadlineKind.FOLLOW_THROUGH)));
        }
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth()
                .oauth2(TOKENS.issue("employee", member, "销售部")).get("/api/people/{id}/notices", member).then()
                .statusCode(200).body("$", hasSize(1)).body("[0].kind", equalTo("DEADLINE_REMINDER"))
                .body("[0].body", containsString("麻烦把合同再核对一遍")).body("[0].body", containsString("BH-7"))
                .body("[0].body", containsString("已完成")).body("[0].urgent", equalTo(true)));
    }

    /**
     * Security finding 6: notices are addressed by employee id, so a token whose subject is someone's platform user
     * id, or the address a notice waits at for a person the directory does not know yet, reads nothing of theirs.
     */
    @Test
    void noSubjectReadsAnotherPersonsNoticesThroughTheirPlatformAccountOrAnUnresolvedAddress() {
        String member = "u-" + UUID.randomUUID();
        String employee = "E-" + member;
        String stranger = "u-stranger-" + UUID.randomUUID();
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/test", new EmployeeChanged(employee, Change.HIRED, "孙九", "SALES",
                    null, null, "staff", null, false, true, Map.of("generic", member), null, null,
                    OffsetDateTime.now())));
            // the stranger's violation first; the member's, in the same chat and so after it, is the marker
            probe.publish(EventEnvelope.fresh("/test", Violations.inChat("generic:chat-6", stranger, "CT-2", "abuse",
                    Severity.MEDIUM, "你真是个白痴", "REMINDER")));
            probe.publish(EventEnvelope.fresh("/test", Violations.inChat("generic:chat-6", member, "CT-2", "abuse",
                    Severity.MEDIUM, "脑残", "REMINDER")));
        }
        String own = TOKENS.issue("employee", employee, "销售部");
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(own)
                .get("/api/people/{id}/notices", employee).then().statusCode(200).body("$", hasSize(1)));

        for (String subject : List.of(member, "generic:" + member)) {
            String token = TOKENS.issue("employee", subject, "销售部");
            given().auth().oauth2(token).get("/api/people/{id}/notices", employee).then().statusCode(403);
            given().auth().oauth2(token).get("/api/people/{id}/notices", subject).then().statusCode(200)
                    .body("$", hasSize(0));
        }
        for (String subject : List.of(stranger, "generic:" + stranger)) {
            given().auth().oauth2(TOKENS.issue("employee", subject, null)).get("/api/people/{id}/notices", subject)
                    .then().statusCode(200).body("$", hasSize(0));
        }
    }

    /** SV-8: an escalated violation reaches HR's queue, the offender's department head and management, at once. */
    @Test
    void sv8AnEscalationReachesHrTheOffendersDepartmentHeadAndManagement() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String offender = "E-off-" + s;
        String head = "E-head-" + s;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ViolationOpened violation = Violations.inChat("generic:chat-" + s, "u-" + s, "CT-6", "drugs",
                Severity.CRITICAL, "有人要冰毒吗", "REMOVAL");
        ViolationEscalated escalated = new ViolationEscalated(UUID.randomUUID(), violation.violationId(), "CT-6",
                Severity.CRITICAL, violation.groupId(), violation.platform(), violation.chatId(), "u-" + s, offender,
                "生产部-周九", "有人要冰毒吗", violation.sanction(), List.of("severity CRITICAL"), 1, now);
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/test", new DepartmentChanged("D-" + s, "生产部", null, head, true, now)));
            probe.publish(EventEnvelope.fresh("/test", new EmployeeChanged(head, Change.HIRED, "吴主任", "D-" + s, null,
                    null, "director", null, false, true, Map.of("generic", "u-head-" + s), null, Language.EN, now)));
            probe.publish(EventEnvelope.fresh("/test", new EmployeeChanged(offender, Change.HIRED, "周九", "D-" + s,
                    null, null, "staff", null, false, true, Map.of("generic", "u-" + s), null, null, now)));
            // the head is found through the directory replica: let it learn the department and both people first
            Awaitility.await().atMost(WITHIN).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    Person.findById(offender) != null && Person.findById(head) != null
                            && DepartmentRecord.findById("D-" + s) != null));
            EventEnvelope<ViolationEscalated> event = EventEnvelope.fresh("/test", escalated);
            probe.publish(event);
            probe.publish(event);
        }

        String hr = TOKENS.issue("hr", "hr-1", "人力资源部");
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(hr)
                .get("/api/people/{id}/notices", head).then().statusCode(200).body("$", hasSize(1))
                .body("[0].kind", equalTo("ESCALATION"))
                .body("[0].subject", equalTo("[Qunguan] Escalated to management: CT-6 by 生产部-周九"))
                .body("[0].body", containsString("severity CRITICAL"))
                .body("[0].body", containsString("removal from the group")));
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(hr)
                .get("/api/people/{id}/notices", "E-president").then().statusCode(200)
                .body("findAll { it.kind == 'ESCALATION' && it.subject.contains('生产部-周九') }", hasSize(1))
                .body("find { it.subject.contains('生产部-周九') }.subject", containsString("违规上报管理层")));
        given().auth().oauth2(hr).queryParam("status", "QUEUED").queryParam("audience", "hr").queryParam("limit", 200)
                .get("/api/notices").then().statusCode(200)
                .body("findAll { it.kind == 'ESCALATION' && it.subject.contains('生产部-周九') }", hasSize(1));
        given().auth().oauth2(hr).get("/api/people/{id}/notices", offender).then().statusCode(200)
                .body("findAll { it.kind == 'ESCALATION' }", hasSize(0));
    }

    @Test
    void sv6AnAppealPastItsDecisionTimeRemindsHrAndTheOwnersDepartmentHeadOnce() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String head = "E-apphead-" + s;
        String appellant = "E-appellant-" + s;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/test", new DepartmentChanged("D-a" + s, "客服部", null, head, true, now)));
            probe.publish(EventEnvelope.fresh("/test", new EmployeeChanged(appellant, Change.HIRED, "冯十二", "D-x" + s,
                    null, null, "staff", null, false, true, Map.of("generic", "u-a" + s), null, null, now)));
            Awaitility.await().atMost(WITHIN).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    Person.findById(appellant) != null && DepartmentRecord.findById("D-a" + s) != null));
            EventEnvelope<AppealDecisionDue> event = EventEnvelope.fresh("/test", new AppealDecisionDue(
                    UUID.randomUUID(), UUID.randomUUID(), "G-" + s, "BH-5", appellant, "D-a" + s, now.minusHours(1)));
            probe.publish(event);
            probe.publish(event);
        }
        String hr = TOKENS.issue("hr", "hr-1", "人力资源部");
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(hr)
                .get("/api/people/{id}/notices", head).then().statusCode(200).body("$", hasSize(1))
                .body("[0].kind", equalTo("APPEAL_DECISION_DUE")).body("[0].body", containsString("冯十二"))
                .body("[0].body", containsString("SV-6")).body("[0].urgent", equalTo(true)));
        given().auth().oauth2(hr).queryParam("status", "QUEUED").queryParam("audience", "hr").queryParam("limit", 200)
                .get("/api/notices").then().statusCode(200)
                .body("findAll { it.kind == 'APPEAL_DECISION_DUE' && it.body.contains('冯十二') }", hasSize(1));
        given().auth().oauth2(hr).get("/api/people/{id}/notices", appellant).then().statusCode(200)
                .body("findAll { it.kind == 'APPEAL_DECISION_DUE' }", hasSize(0));
    }

    @Test
    void sv1ADepartmentsMonthlyReportReachesItsHeadWithItsLinksAndTheCompanysHrOnce() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String head = "E-rephead-" + s;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        EventEnvelope<ReportPublished> department = EventEnvelope.fresh("/reporting-service", new ReportPublished(
                UUID.randomUUID(), "2026-11", ReportPublished.Scope.DEPARTMENT, "D-rep" + s, "客服部", head, 12, 7,
                150, 93.5, -2.5, "/dashboard?period=2026-11&departmentId=D-rep" + s,
                "/api/exports/assessment?format=xlsx&period=2026-11&departmentId=D-rep" + s, now));
        EventEnvelope<ReportPublished> company = EventEnvelope.fresh("/reporting-service", new ReportPublished(
                UUID.randomUUID(), "2026-11", ReportPublished.Scope.COMPANY, null, null, null, 340, 61, 900, 97.1,
                0.4, "/dashboard?period=2026-11", "/api/exports/assessment?format=xlsx&period=2026-11&c=" + s, now));
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/test", new EmployeeChanged(head, Change.HIRED, "周主管", "D-rep" + s,
                    null, null, "manager", null, false, true, Map.of("generic", "u-h" + s), null, null, now)));
            probe.publish(department);
            probe.publish(department);
            probe.publish(company);
        }
        String hr = TOKENS.issue("hr", "hr-1", "人力资源部");
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(hr)
                .get("/api/people/{id}/notices", head).then().statusCode(200).body("$", hasSize(1))
                .body("[0].kind", equalTo("MONTHLY_REPORT"))
                .body("[0].subject", equalTo("【群管】客服部 2026-11 工作群月报"))
                .body("[0].body", containsString("12 人，违规 7 起，罚款 150 元，平均得分 93.5（较上期 -2.5）"))
                .body("[0].body", containsString("http://127.0.0.1:8084/dashboard?period=2026-11&departmentId=D-rep"
                        + s))
                .body("[0].body", containsString("/api/exports/assessment?format=xlsx&period=2026-11")));
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(hr)
                .queryParam("status", "QUEUED").queryParam("audience", "hr").queryParam("limit", 200)
                .get("/api/notices").then().statusCode(200)
                .body("findAll { it.kind == 'MONTHLY_REPORT' && it.body.contains('c=" + s + "') }", hasSize(1)));
    }
}
