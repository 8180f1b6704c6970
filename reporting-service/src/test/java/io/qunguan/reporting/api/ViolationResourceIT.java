package io.qunguan.reporting.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.Platform;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The violations read model fed from real Kafka, queried over REST with real tokens. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class ViolationResourceIT {

    private static final Tokens TOKENS = Tokens.forTests();

    private static ViolationOpened violation(String group, String rule, OffsetDateTime at) {
        return new ViolationOpened(UUID.randomUUID(), rule, "gambling", Severity.HIGH, group, Platform.GENERIC,
                group.substring(group.indexOf(':') + 1), "u-zhao", "E-zhao", "技术部-赵六", "m-" + UUID.randomUUID(),
                "周末去网赌，加微信 1**********",
                List.of(new ViolationOpened.Finding("gambling", rule, Severity.HIGH, 2, 4, "网赌"),
                        new ViolationOpened.Finding("ads", "CT-6", Severity.MEDIUM, 6, 9, "加微信")),
                new ViolationOpened.AppliedPolicy("project", 2, false), 2, Sanction.fine(100), at);
    }

    private static void publish(EventEnvelope<?>... events) {
        try (KafkaProbe probe = KafkaResource.probe()) {
            for (EventEnvelope<?> event : events) {
                probe.publish(event);
            }
        }
    }

    private static io.restassured.specification.RequestSpecification as(String role) {
        return given().auth().oauth2(TOKENS.issue(role, "someone", "人力资源部"));
    }

    private static void awaitTotal(String group, int total) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                as("hr").queryParam("groupId", group).get("/api/violations").then().statusCode(200)
                        .body("total", equalTo(total)));
    }

    @Test
    void sv1ViolationsAreProjectedOnceAndFilterable() {
        String group = "generic:" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        EventEnvelope<ViolationOpened> gambling = EventEnvelope.fresh("/test", violation(group, "CT-6", now.minusHours(2)));
        EventEnvelope<ViolationOpened> pii = EventEnvelope.fresh("/test", violation(group, "CT-4", now.minusHours(1)));
        publish(gambling, gambling, pii, gambling);
        awaitTotal(group, 2);

        as("auditor").queryParam("groupId", group).queryParam("ruleId", "CT-4").get("/api/violations")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].ruleId", equalTo("CT-4"))
                .body("items[0].evidence", equalTo("周末去网赌，加微信 1**********"))
                .body("items[0].rules", equalTo(List.of("CT-4", "CT-6")))
                .body("items[0].employeeId", equalTo("E-zhao"))
                .body("items[0].policyVersion", equalTo(2))
                .body("items[0].offence", equalTo(2))
                .body("items[0].sanction", equalTo("FINE"))
                .body("items[0].fineYuan", equalTo(100));
        as("hr").queryParam("groupId", group).queryParam("from", now.minusMinutes(90).toString())
                .get("/api/violations").then().statusCode(200).body("total", equalTo(1));
        as("hr").queryParam("groupId", group).queryParam("size", 1).queryParam("page", 1)
                .get("/api/violations").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].ruleId", equalTo("CT-6"), "page", equalTo(1), "total", equalTo(2));
    }

    @Test
    void sv6AnUpheldAppealMarksItsViolationReversedAndARejectedOneChangesNothing() {
        String group = "generic:" + UUID.randomUUID();
        ViolationOpened upheld = violation(group, "CT-6", OffsetDateTime.now().minusHours(2));
        ViolationOpened rejected = violation(group, "CT-4", OffsetDateTime.now().minusHours(1));
        OffsetDateTime decidedAt = OffsetDateTime.now();
        EventEnvelope<AppealDecided> reversal = EventEnvelope.fresh("/moderation-service", new AppealDecided(
                UUID.randomUUID(), upheld.violationId(), group, Platform.GENERIC, upheld.chatId(), "u-zhao",
                "E-zhao", "CT-6", upheld.sanction(), true, "转述客户原话", "E-head", decidedAt));
        publish(EventEnvelope.fresh("/test", upheld), EventEnvelope.fresh("/test", rejected), reversal, reversal,
                EventEnvelope.fresh("/moderation-service", new AppealDecided(UUID.randomUUID(),
                        rejected.violationId(), group, Platform.GENERIC, rejected.chatId(), "u-zhao", "E-zhao",
                        "CT-4", rejected.sanction(), false, "证据确凿", "E-head", decidedAt)));
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> as("hr").queryParam("groupId", group)
                .get("/api/violations").then().statusCode(200).body("total", equalTo(2))
                .body("items.find { it.ruleId == 'CT-6' }.reversalReason", equalTo("转述客户原话")));
        as("hr").queryParam("groupId", group).get("/api/violations").then()
                .body("items.find { it.ruleId == 'CT-4' }.reversedAt", nullValue())
                .body("items.find { it.ruleId == 'CT-6' }.reversedAt", notNullValue());
    }

    @Test
    void everyReadOfEvidenceIsAuditedAndOnlyAuditorsReadTheAudit() {
        String group = "generic:" + UUID.randomUUID();
        EventEnvelope<ViolationOpened> opened = EventEnvelope.fresh("/test",
                violation(group, "CT-6", OffsetDateTime.now()));
        publish(opened);
        awaitTotal(group, 1);
        String reader = "hr-" + UUID.randomUUID();
        given().auth().oauth2(TOKENS.issue("hr", reader, "人力资源部")).queryParam("groupId", group)
                .get("/api/violations").then().statusCode(200).body("items[0].evidence", containsString("网赌"));

        as("auditor").queryParam("reader", reader).get("/api/evidence-reads").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].roles", equalTo(List.of("hr")))
                .body("[0].request", containsString("groupId=" + group))
                .body("[0].returned", equalTo(1))
                .body("[0].subjects", equalTo(List.of(opened.data().violationId().toString())));
        as("hr").get("/api/evidence-reads").then().statusCode(403);
        as("operator").get("/api/evidence-reads").then().statusCode(403);
        given().get("/api/evidence-reads").then().statusCode(401);
    }

    @Test
    void pageSizeIsCappedAndBadParametersAre400() {
        as("hr").queryParam("size", 10_000).get("/api/violations").then().statusCode(200).body("size", equalTo(200));
        as("hr").queryParam("from", "last week").get("/api/violations").then().statusCode(400)
                .body("error", equalTo("from must be ISO-8601 with an offset"));
        as("hr").queryParam("page", -1).get("/api/violations").then().statusCode(400);
    }

    @Test
    void onlyHrAndAuditorsMayListAndATokenIsRequired() {
        given().get("/api/violations").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get("/api/violations").then().statusCode(401);
        as("employee").get("/api/violations").then().statusCode(403);
        as("group-owner").get("/api/violations").then().statusCode(403);
        given().auth().oauth2(TOKENS.issue("hr", "x", null, Duration.ofSeconds(-120))).get("/api/violations")
                .then().statusCode(401);
    }
}
