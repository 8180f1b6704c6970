package io.qunguan.moderation.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.MessageKind;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MK-1 and MK-2 against a real broker and database: the marketing department approves content with four eyes, staff
 * in a customer group may post only approved promotions, and not too many a day.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class MarketingIT {

    private static final Tokens TOKENS = Tokens.forTests();

    @Inject
    EntityManager entities;

    private KafkaProbe probe;
    private Fixtures fixtures;

    @BeforeEach
    void probe() {
        probe = KafkaResource.probe();
        fixtures = new Fixtures(probe, entities);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private static String propose(String marketer, String title, String text) {
        return given().auth().oauth2(TOKENS.issue("marketing", marketer, "MKT")).contentType(ContentType.JSON)
                .body("{\"title\": \"" + title + "\", \"text\": \"" + text + "\"}").post("/api/marketing-content")
                .then().statusCode(201).body("status", equalTo("PROPOSED")).extract().path("id");
    }

    @Test
    void mk1ContentIsApprovedByASecondPersonOfMarketingOnly() {
        String id = propose("E-mkt-1", "双十二海报文案", "双十二限时优惠");
        given().auth().oauth2(TOKENS.issue("marketing", "E-mkt-1", "MKT")).contentType(ContentType.JSON)
                .body("{\"approve\": true}").post("/api/marketing-content/{id}/decision", id).then().statusCode(403)
                .body("error", containsString("second person"));
        given().auth().oauth2(TOKENS.issue("employee", "E-staff", "SALES")).contentType(ContentType.JSON)
                .body("{\"approve\": true}").post("/api/marketing-content/{id}/decision", id).then().statusCode(403);
        given().auth().oauth2(TOKENS.issue("marketing", "E-mkt-2", "MKT")).contentType(ContentType.JSON)
                .body("{\"approve\": true, \"reason\": \"符合品牌规范\"}")
                .post("/api/marketing-content/{id}/decision", id).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("decidedBy", equalTo("E-mkt-2"));
        given().auth().oauth2(TOKENS.issue("marketing", "E-mkt-3", "MKT")).contentType(ContentType.JSON)
                .body("{\"approve\": false}").post("/api/marketing-content/{id}/decision", id).then().statusCode(409);
        given().auth().oauth2(TOKENS.issue("marketing", "E-mkt-2", "MKT")).contentType(ContentType.JSON)
                .body("{\"approve\": true}").post("/api/marketing-content/{id}/decision", UUID.randomUUID()).then()
                .statusCode(404);
        given().auth().oauth2(TOKENS.issue("marketing", "E-mkt-1", "MKT")).contentType(ContentType.JSON)
                .body("{\"title\": \"海报\", \"contentHash\": \"not-a-hash\"}").post("/api/marketing-content").then()
                .statusCode(400).body("error", containsString("SHA-256"));
        given().auth().oauth2(TOKENS.issue("hr", "hr-1", null)).queryParam("status", "APPROVED")
                .get("/api/marketing-content").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(TOKENS.issue("employee", "E-staff", "SALES")).get("/api/marketing-content").then()
                .statusCode(403);
        given().get("/api/marketing-content").then().statusCode(401);
    }

    @Test
    void mk1Mk2StaffPostOnlyApprovedPromotionsAndNotTooManyADay() {
        String approved = "双十二限时优惠：全场八折，下单即送礼品";
        String id = propose("E-mkt-1", "双十二活动", approved);
        given().auth().oauth2(TOKENS.issue("marketing", "E-mkt-2", "MKT")).contentType(ContentType.JSON)
                .body("{\"approve\": true}").post("/api/marketing-content/{id}/decision", id).then().statusCode(200);
        String staff = "u-" + UUID.randomUUID();
        String customer = "u-" + UUID.randomUUID();
        String groupId = fixtures.group("customer", 1, """
                {"contentActions": {"unapproved-marketing": "SANCTION", "marketing-frequency": "SANCTION"},
                 "marketing": {"approvedOnly": true, "maxPerDay": 2}}""", OffsetDateTime.now(ZoneOffset.UTC),
                new GroupSnapshot.Member("E-sales-7", "generic:" + staff, "SALES", "staff", "MEMBER"));
        OffsetDateTime morning = OffsetDateTime.parse("2026-12-01T10:00:00+08:00");
        String[][] messages = {
            {staff, "双十二 限时优惠，全场八折！下单即送礼品🎁"},  // approved, other punctuation: fine
            {staff, "限时特价，今天下单打五折"},                 // not approved: MK-1
            {customer, "有优惠吗？"},                           // a customer is not marketing
            {staff, approved},                                 // the third promotion in a day: MK-2
        };
        for (int i = 0; i < messages.length; i++) {
            probe.publish(Fixtures.message(groupId, messages[i][0], MessageKind.TEXT, messages[i][1],
                    morning.plusMinutes(10L * i)));
        }
        var marker = Fixtures.message(groupId, "u-marker-" + UUID.randomUUID(), MessageKind.TEXT, "周末一起网赌",
                morning.plusHours(3));
        probe.publish(marker);

        List<ViolationOpened> violations = fixtures.violationsUntil(groupId, marker);
        assertEquals(List.of(List.of("unapproved-marketing"), List.of("marketing-frequency")),
                violations.stream().map(violation -> violation.findings().stream()
                        .map(ViolationOpened.Finding::category).toList()).toList());
        assertEquals("MK-1", violations.get(0).ruleId());
        assertEquals("E-sales-7", violations.get(0).employeeId());
        assertEquals("MK-2", violations.get(1).ruleId());
    }

    @Test
    void mk1StaffPostOnlyApprovedImagesWhereTheBridgeGivesTheirHash() {
        String approvedHash = "d".repeat(64);
        String id = given().auth().oauth2(TOKENS.issue("marketing", "E-mkt-1", "MKT")).contentType(ContentType.JSON)
                .body("{\"title\": \"双十二海报\", \"contentHash\": \"" + approvedHash.toUpperCase() + "\"}")
                .post("/api/marketing-content").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TOKENS.issue("marketing", "E-mkt-2", "MKT")).contentType(ContentType.JSON)
                .body("{\"approve\": true}").post("/api/marketing-content/{id}/decision", id).then().statusCode(200);
        String staff = "u-" + UUID.randomUUID();
        String groupId = fixtures.group("customer", 1, """
                {"contentActions": {"unapproved-marketing": "SANCTION"},
                 "marketing": {"approvedOnly": true, "mediaApprovedOnly": true}}""", OffsetDateTime.now(ZoneOffset.UTC),
                new GroupSnapshot.Member("E-sales-8", "generic:" + staff, "SALES", "staff", "MEMBER"));
        OffsetDateTime morning = OffsetDateTime.parse("2026-12-01T10:00:00+08:00");
        probe.publish(Fixtures.image(groupId, staff, approvedHash, morning));
        probe.publish(Fixtures.image(groupId, staff, "c".repeat(64), morning.plusMinutes(1)));
        probe.publish(Fixtures.image(groupId, staff, null, morning.plusMinutes(2)));
        var marker = Fixtures.message(groupId, "u-marker-" + UUID.randomUUID(), MessageKind.TEXT, "周末一起网赌",
                morning.plusHours(3));
        probe.publish(marker);

        List<ViolationOpened> violations = fixtures.violationsUntil(groupId, marker);
        assertEquals(1, violations.size(), violations.toString());
        assertEquals("MK-1", violations.get(0).ruleId());
        assertEquals("an image, video or file the marketing department has not approved",
                violations.get(0).findings().get(0).term());
    }
}
