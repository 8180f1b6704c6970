package io.qunguan.reporting.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.AcknowledgementSettled;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.DeadlineKind;
import io.qunguan.events.DepartmentChanged;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.PersonnelChanged;
import io.qunguan.events.Platform;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The assessment (SV-3) from the read models on a real broker and database: per person standing violations by
 * severity and rule, fines, upheld appeals, deadlines and the score from HR's weights with the previous period's and
 * the change; departments rolled up along the tree; new weights apply from their date; HR sees the company, a
 * department head their subtree, an employee themselves.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class AssessmentIT {

    private static final Tokens TOKENS = Tokens.forTests();
    /** Mid-July and mid-June 2026 in Shanghai: the period assessed and the one before it. */
    private static final OffsetDateTime JULY = OffsetDateTime.parse("2026-07-15T10:00:00+08:00");
    private static final OffsetDateTime JUNE = OffsetDateTime.parse("2026-06-15T10:00:00+08:00");

    private static ViolationOpened violation(String employee, String ruleId, Severity severity, Sanction sanction,
            OffsetDateTime at) {
        String chat = "chat-assess";
        return new ViolationOpened(UUID.randomUUID(), ruleId, "abuse", severity, "G-assess", Platform.GENERIC, chat,
                "generic:u-" + employee, employee, employee, "m-" + UUID.randomUUID(), "***",
                List.of(new ViolationOpened.Finding("abuse", ruleId, severity, 0, 3, "abuse")),
                ViolationOpened.AppliedPolicy.COMPANY_DEFAULT, sanction == null ? 0 : 1, sanction, at);
    }

    private static ResponseMeasured deadline(String employee, String department, boolean met) {
        return new ResponseMeasured(UUID.randomUUID(), "G-assess", Platform.GENERIC, "chat-assess",
                "m-" + UUID.randomUUID(), "generic:u-lead", "E-lead", "generic:u-" + employee, employee, JULY, JULY,
                JULY.plusMinutes(30), met ? JULY.plusMinutes(10) : null, met ? 600L : null, met,
                met ? null : UUID.randomUUID(), DeadlineKind.RESPONSE, department);
    }

    private static EmployeeChanged person(String employee, String name, String department) {
        return new EmployeeChanged(employee, PersonnelChanged.Change.HIRED, name, department, null, "职员", "P4", null,
                false, true, Map.of("generic", "u-" + employee), null, null, JUNE.minusMonths(6));
    }

    @Test
    void sv3EachPersonsScoreFromTheWeightsRolledUpAlongTheTreeWithTheChangeAndNewWeightsFromTheirDate() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String root = "D-root-" + s;
        String ops = "D-ops-" + s;
        String opsNorth = "D-ops-north-" + s;
        String sales = "D-sales-" + s;
        String alice = "E-alice-" + s;
        String bob = "E-bob-" + s;
        String carol = "E-carol-" + s;
        ViolationOpened appealed = violation(bob, "CT-2", Severity.MEDIUM, Sanction.of(Sanction.Kind.WARNING), JULY);
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/group-service", new DepartmentChanged(root, "公司", null, null, true,
                    JUNE.minusMonths(6))));
            probe.publish(EventEnvelope.fresh("/group-service", new DepartmentChanged(ops, "运营部", root,
                    "E-head-" + s, true, JUNE.minusMonths(6))));
            probe.publish(EventEnvelope.fresh("/group-service", new DepartmentChanged(opsNorth, "运营部北区", ops, null,
                    true, JUNE.minusMonths(6))));
            probe.publish(EventEnvelope.fresh("/group-service", new DepartmentChanged(sales, "销售部", root, null,
                    true, JUNE.minusMonths(6))));
            probe.publish(EventEnvelope.fresh("/group-service", person(alice, "爱丽丝", opsNorth)));
            probe.publish(EventEnvelope.fresh("/group-service", person(bob, "鲍勃", ops)));
            probe.publish(EventEnvelope.fresh("/group-service", person(carol, "卡罗尔", sales)));
            EventEnvelope<ViolationOpened> fined = EventEnvelope.fresh("/moderation-service", violation(alice, "CT-4",
                    Severity.HIGH, Sanction.fine(100), JULY));
            probe.publish(fined);
            probe.publish(fined);
            probe.publish(EventEnvelope.fresh("/moderation-service", violation(alice, "BH-1", Severity.LOW, null,
                    JULY.plusDays(1))));
            probe.publish(EventEnvelope.fresh("/moderation-service", violation(alice, "BH-1", Severity.LOW, null,
                    JUNE)));
            probe.publish(EventEnvelope.fresh("/moderation-service", appealed));
            probe.publish(EventEnvelope.fresh("/moderation-service", new AppealDecided(UUID.randomUUID(),
                    appealed.violationId(), "G-assess", Platform.GENERIC, "chat-assess", "generic:u-" + bob, bob,
                    "CT-2", appealed.sanction(), true, "玩笑话，非辱骂", "E-head-" + s, JULY.plusDays(2))));
            probe.publish(EventEnvelope.fresh("/moderation-service", violation(carol, "CT-6", Severity.CRITICAL,
                    Sanction.of(Sanction.Kind.REFERRAL_TO_HR), JULY)));
            probe.publish(EventEnvelope.fresh("/moderation-service", deadline(alice, opsNorth, true)));
            probe.publish(EventEnvelope.fresh("/moderation-service", deadline(alice, opsNorth, false)));
            probe.publish(EventEnvelope.fresh("/moderation-service", deadline(bob, ops, true)));
            // two notices alice was to acknowledge in July, one in time; bob's one in June
            UUID first = UUID.randomUUID();
            EventEnvelope<AcknowledgementSettled> inTime = EventEnvelope.fresh("/notification-service",
                    new AcknowledgementSettled(first, "G-assess", "generic:u-" + alice, alice, JULY,
                            JULY.plusHours(1), JULY.plusMinutes(20)));
            probe.publish(inTime);
            probe.publish(inTime);
            probe.publish(EventEnvelope.fresh("/notification-service", new AcknowledgementSettled(UUID.randomUUID(),
                    "G-assess", "generic:u-" + alice, alice, JULY.plusDays(3), JULY.plusDays(3).plusHours(1), null)));
            probe.publish(EventEnvelope.fresh("/notification-service", new AcknowledgementSettled(UUID.randomUUID(),
                    "G-assess", "generic:u-" + bob, bob, JUNE, JUNE.plusHours(1), null)));
            probe.publish(EventEnvelope.fresh("/moderation-service", violation(carol, "MT-2", Severity.LOW, null,
                    JULY.plusDays(4))));
        }
        String hr = TOKENS.issue("hr", "hr-" + s, null);
        String ofRoot = "/api/assessment?period=2026-07&departmentId=" + root;
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(hr).get(ofRoot)
                .then().statusCode(200).body("people", hasSize(3))
                .body("people.find { it.employeeId == '" + alice + "' }.deadlines", equalTo(2))
                .body("people.find { it.employeeId == '" + bob + "' }.appealsUpheld", equalTo(1))
                .body("people.find { it.employeeId == '" + alice + "' }.acknowledgements", equalTo(2))
                .body("people.find { it.employeeId == '" + carol + "' }.meetingsWithoutMinutes", equalTo(1)));

        // 100 − HIGH 5 − LOW 1 − a missed deadline 2 − 100 yuan 1 = 91; June's one LOW: 99
        given().auth().oauth2(hr).get(ofRoot).then().statusCode(200)
                .body("weightsVersion", equalTo(1)).body("from", equalTo("2026-06-30T16:00:00Z"))
                .body("previousFrom", equalTo("2026-05-31T16:00:00Z"))
                .body("people.employeeId", equalTo(List.of(carol, alice, bob)))
                .body("people[0].score", equalTo(89.0f)).body("people[0].bySeverity.CRITICAL", equalTo(1))
                .body("people[0].meetingsWithoutMinutes", equalTo(1)).body("people[0].meetingsLateNotice", equalTo(0))
                .body("people[1].score", equalTo(91.0f)).body("people[1].previousScore", equalTo(99.0f))
                .body("people[1].change", equalTo(-8.0f)).body("people[1].violations", equalTo(2))
                .body("people[1].byRule.CT-4", equalTo(1)).body("people[1].byRule.BH-1", equalTo(1))
                .body("people[1].finesYuan", equalTo(100)).body("people[1].missed", equalTo(1))
                .body("people[1].metShare", equalTo(0.5f)).body("people[1].name", equalTo("爱丽丝"))
                // a notice acknowledged in time and one not, the redelivery counted once; the rate, not the score
                .body("people[1].acknowledgements", equalTo(2)).body("people[1].acknowledgedInTime", equalTo(1))
                .body("people[1].acknowledgementRate", equalTo(0.5f))
                .body("people[2].acknowledgements", equalTo(0)).body("people[2].acknowledgementRate", nullValue())
                // bob's one violation was reversed on appeal: it counts as upheld, not against him
                .body("people[2].score", equalTo(100.0f)).body("people[2].violations", equalTo(0))
                // the tree: 运营部 holds 北区's alice and its own bob; the company all three
                .body("departments.find { it.departmentId == '" + opsNorth + "' }.averageScore", equalTo(91.0f))
                .body("departments.find { it.departmentId == '" + ops + "' }.people", equalTo(2))
                .body("departments.find { it.departmentId == '" + ops + "' }.averageScore", equalTo(95.5f))
                .body("departments.find { it.departmentId == '" + ops + "' }.previousAverageScore", equalTo(99.5f))
                .body("departments.find { it.departmentId == '" + ops + "' }.change", equalTo(-4.0f))
                .body("departments.find { it.departmentId == '" + root + "' }.people", equalTo(3))
                .body("departments.find { it.departmentId == '" + root + "' }.finesYuan", equalTo(100))
                .body("departments.find { it.departmentId == '" + sales + "' }.averageScore", equalTo(89.0f))
                .body("departments.find { it.departmentId == '" + ops + "' }.acknowledgements", equalTo(2));
        // a quarter holds its months
        given().auth().oauth2(hr).get("/api/assessment?period=2026-Q3&departmentId=" + root).then().statusCode(200)
                .body("people.find { it.employeeId == '" + alice + "' }.previousScore", equalTo(99.0f))
                .body("previousFrom", equalTo("2026-03-31T16:00:00Z"));

        // the head of 运营部 sees its subtree and nothing else; an employee themselves
        String head = TOKENS.issue("dept-head", "E-head-" + s, ops);
        given().auth().oauth2(head).get("/api/assessment?period=2026-07").then().statusCode(200)
                .body("people.employeeId", equalTo(List.of(alice, bob)))
                .body("departments.departmentId", everyItem(in(List.of(ops, opsNorth))));
        given().auth().oauth2(head).get("/api/assessment?period=2026-07&departmentId=" + opsNorth).then()
                .statusCode(200).body("people.employeeId", equalTo(List.of(alice)));
        given().auth().oauth2(head).get("/api/assessment?period=2026-07&departmentId=" + sales).then()
                .statusCode(403).body("error", containsString("own department"));
        String own = TOKENS.issue("employee", alice, opsNorth);
        given().auth().oauth2(own).get("/api/assessment?period=2026-07").then().statusCode(200)
                .body("people.employeeId", equalTo(List.of(alice))).body("departments", hasSize(0));
        given().auth().oauth2(own).get("/api/assessment?period=2026-07&employeeId=" + bob).then().statusCode(403);

        // HR weighs a HIGH violation 20 from July: July is rescored by version 2, June stays on version 1
        given().auth().oauth2(hr).contentType(ContentType.JSON).body(Map.of("effectiveFrom", "2026-07-01",
                "reason", "泄露个人信息从严",
                "weights", Map.of("severity", Map.of("LOW", 1, "MEDIUM", 3, "HIGH", 20, "CRITICAL", 10),
                        "missedDeadline", 2, "perHundredYuan", 1)))
                .post("/api/assessment/weights").then().statusCode(201).body("version", equalTo(2));
        given().auth().oauth2(hr).get(ofRoot).then().statusCode(200)
                .body("weightsVersion", equalTo(2)).body("previousWeightsVersion", equalTo(1))
                .body("people.find { it.employeeId == '" + alice + "' }.score", equalTo(76.0f))
                .body("people.find { it.employeeId == '" + alice + "' }.previousScore", equalTo(99.0f));
        given().auth().oauth2(hr).get("/api/assessment/weights").then().statusCode(200)
                .body("version", hasItem(2)).body("version", hasItem(1));

        // what cannot be asked or saved
        given().auth().oauth2(hr).get("/api/assessment?period=2026-13").then().statusCode(400);
        given().auth().oauth2(hr).get("/api/assessment?from=2026-07-01T00:00:00Z").then().statusCode(400)
                .body("error", containsString("together"));
        given().auth().oauth2(hr).contentType(ContentType.JSON).body(Map.of("effectiveFrom", "2026-07-01",
                "weights", Map.of("severity", Map.of("LOW", -1, "SEVERE", 3), "missedDeadline", 2)))
                .post("/api/assessment/weights").then().statusCode(400)
                .body("problems", hasItem(containsString("severity.LOW"))).body("problems",
                        hasItem(containsString("unknown severity SEVERE"))).body("problems",
                        hasItem(containsString("reason")));
        given().auth().oauth2(own).contentType(ContentType.JSON).body(Map.of()).post("/api/assessment/weights")
                .then().statusCode(403);
        given().auth().oauth2(head).get("/api/assessment/weights").then().statusCode(403);
        given().get("/api/assessment").then().statusCode(401);
        given().auth().oauth2(hr).get("/api/assessment?period=2026-07").then().statusCode(200)
                .body("people.employeeId", not(hasItem("E-lead")));
    }
}
