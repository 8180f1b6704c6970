package io.qunguan.reporting.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.DeadlineKind;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.Platform;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Responsiveness assessed (SV-3, SV-4) from moderation's {@code ResponseMeasured} on a real broker and database: per
 * person the deadlines, met and missed, the share met and the response times; a redelivery counts once; HR sees
 * everyone, a department head their department, an employee themselves.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class ResponsivenessIT {

    private static final Tokens TOKENS = Tokens.forTests();
    /** A Tuesday morning in Shanghai; the period asked for is that month. */
    private static final OffsetDateTime MORNING = OffsetDateTime.parse("2026-09-01T10:00:00+08:00");
    private static final String PERIOD = "from=2026-08-31T16:00:00Z&to=2026-09-30T16:00:00Z";

    private static ResponseMeasured measured(String employee, String department, DeadlineKind kind,
            Long seconds, boolean met) {
        return new ResponseMeasured(UUID.randomUUID(), "G-resp", Platform.GENERIC, "chat-resp", "m-" + UUID.randomUUID(),
                "generic:u-lead", "E-lead", "generic:u-" + employee, employee, MORNING, MORNING,
                MORNING.plusMinutes(30), seconds == null ? null : MORNING.plusSeconds(seconds), seconds, met,
                met ? null : UUID.randomUUID(), kind, department);
    }

    @Test
    void sv3Sv4EachPersonsDeadlinesMetAndMissedAndResponseTimesForHrTheirHeadAndThemselves() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String fast = "E-fast-" + s;
        String slow = "E-slow-" + s;
        String other = "E-other-" + s;
        String ops = "D-ops-" + s;
        List<ResponseMeasured> events = new ArrayList<>(List.of(
                measured(fast, ops, DeadlineKind.RESPONSE, 300L, true),
                measured(fast, ops, DeadlineKind.RESPONSE, 900L, true),
                measured(fast, ops, DeadlineKind.FOLLOW_THROUGH, 3600L, true),
                measured(slow, ops, DeadlineKind.RESPONSE, 2400L, false),
                measured(slow, ops, DeadlineKind.RESPONSE, null, false),
                measured(slow, ops, DeadlineKind.RESPONSE, 1200L, true),
                measured(other, "D-sales-" + s, DeadlineKind.RESPONSE, 60L, true)));
        try (KafkaProbe probe = KafkaResource.probe()) {
            for (ResponseMeasured event : events) {
                EventEnvelope<ResponseMeasured> envelope = EventEnvelope.fresh("/moderation-service", event);
                probe.publish(envelope);
                probe.publish(envelope);
            }
        }
        String hr = TOKENS.issue("hr", "hr-" + s, null);
        String ofOps = "/api/responsiveness?" + PERIOD + "&departmentId=" + ops;
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(hr).get(ofOps)
                .then().statusCode(200).body("total.deadlines", equalTo(6)));
        // the one who missed most comes first; a redelivered event counted once
        given().auth().oauth2(hr).get(ofOps).then().statusCode(200)
                .body("people", hasSize(2))
                .body("people[0].employeeId", equalTo(slow)).body("people[0].deadlines", equalTo(3))
                .body("people[0].met", equalTo(1)).body("people[0].missed", equalTo(2))
                .body("people[0].metShare", equalTo(0.333f)).body("people[0].medianSeconds", equalTo(1800.0f))
                .body("people[1].employeeId", equalTo(fast)).body("people[1].metShare", equalTo(1.0f))
                .body("people[1].medianSeconds", equalTo(900.0f))
                .body("total.met", equalTo(4)).body("total.missed", equalTo(2));
        given().auth().oauth2(hr).get(ofOps + "&kind=RESPONSE").then().statusCode(200)
                .body("total.deadlines", equalTo(5)).body("kind", equalTo("RESPONSE"));

        // the head of D-ops sees their department whatever they ask, and no other
        String head = TOKENS.issue("dept-head", "E-head-" + s, ops);
        given().auth().oauth2(head).get("/api/responsiveness?" + PERIOD).then().statusCode(200)
                .body("people.departmentId", everyItem(equalTo(ops))).body("total.deadlines", equalTo(6));
        given().auth().oauth2(head).get("/api/responsiveness?" + PERIOD + "&departmentId=D-sales-" + s).then()
                .statusCode(403).body("error", containsString("own department"));
        // an employee sees themselves only
        String own = TOKENS.issue("employee", slow, ops);
        given().auth().oauth2(own).get("/api/responsiveness?" + PERIOD).then().statusCode(200)
                .body("people", hasSize(1)).body("people[0].employeeId", equalTo(slow));
        given().auth().oauth2(own).get("/api/responsiveness?" + PERIOD + "&employeeId=" + fast).then()
                .statusCode(403);
        // a period with nothing in it
        given().auth().oauth2(hr).get("/api/responsiveness?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z"
                + "&departmentId=" + ops).then().statusCode(200).body("people", hasSize(0))
                .body("total.deadlines", equalTo(0)).body("total.medianSeconds", nullValue());

        given().auth().oauth2(hr).get("/api/responsiveness?kind=SOON").then().statusCode(400)
                .body("error", containsString("kind is one of"));
        given().auth().oauth2(hr).get("/api/responsiveness?from=2026-10-01T00:00:00Z&to=2026-09-01T00:00:00Z").then()
                .statusCode(400).body("error", containsString("before"));
        given().auth().oauth2(hr).get("/api/responsiveness?from=yesterday").then().statusCode(400);
        given().get("/api/responsiveness").then().statusCode(401);
        given().auth().oauth2(TOKENS.issue("operator", "ops-" + s, null)).get("/api/responsiveness").then()
                .statusCode(403);
    }
}
