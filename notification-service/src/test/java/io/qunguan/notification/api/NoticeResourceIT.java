package io.qunguan.notification.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.PersonnelChanged.Change;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.qunguan.testkit.Violations;
import java.time.Duration;
import java.time.OffsetDateTime;
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

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().auth().oauth2(TOKENS.issue("employee", employee, "销售部"))
                        .get("/api/people/{id}/notices", employee).then().statusCode(200)
                        .body("$", hasSize(1)).body("[0].body", containsString("CT-2"))
                        .body("[0].kind", equalTo("VIOLATION")).body("[0].recipientId", equalTo(employee)));

        given().auth().oauth2(TOKENS.issue("hr", "hr-1", "人力资源部"))
                .get("/api/people/{id}/notices", employee).then().statusCode(200).body("$", hasSize(1));
        given().auth().oauth2(TOKENS.issue("employee", "someone-else", "销售部"))
                .get("/api/people/{id}/notices", employee).then().statusCode(403);
        given().get("/api/people/{id}/notices", employee).then().statusCode(401);
    }
}
