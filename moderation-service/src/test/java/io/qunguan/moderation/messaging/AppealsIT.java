package io.qunguan.moderation.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.AppealFiled;
import io.qunguan.events.AppealDecisionDue;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.MessageKind;
import io.qunguan.events.Sanction;
import io.qunguan.events.ViolationOpened;
import io.qunguan.moderation.domain.Appeals;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Appeals (SV-6) against a real broker and database: the member files within the window with a reason; HR or the
 * head of the group owner's department decides with a reason, never the appellant; upheld, the violation is off the
 * ladder and its fine cancelled, and {@code AppealDecided} goes out for reporting, the platforms and the member.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class AppealsIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String POLICY = """
            {"contentActions": {"ads": "SANCTION"}, "appealWithinDays": 7,
             "sanctionsLadder": [{"sanction": "FINE", "yuan": 50}, {"sanction": "MUTE", "minutes": 60}]}""";

    @Inject
    EntityManager entities;
    @Inject
    Appeals appeals;

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

    private String group() {
        return fixtures.group("department", 1, POLICY, OffsetDateTime.now(ZoneOffset.UTC),
                new GroupSnapshot.Member("E-own-" + run, "generic:u-own-" + run, "D-ops-" + run, null, "OWNER"),
                new GroupSnapshot.Member("E-x-" + run, "generic:u-x-" + run, "D-ops-" + run, null, "MEMBER"));
    }

    private ViolationOpened violation(String groupId, OffsetDateTime at, int count) {
        probe.publish(Fixtures.message(groupId, "u-x-" + run, MessageKind.TEXT, "加微信领取 刷单返利", at));
        return fixtures.violationsOf(groupId, count, WAIT).get(count - 1);
    }

    private String token(String role, String person, String department) {
        return TOKENS.issue(role, person, department);
    }

    @Test
    void sv6AnUpheldAppealReversesTheViolationItsFineAndItsPlaceOnTheLadder() {
        String groupId = group();
        ViolationOpened first = violation(groupId, OffsetDateTime.now(ZoneOffset.UTC), 1);
        assertEquals(new Sanction(Sanction.Kind.FINE, null, 50), first.sanction());
        String member = token("employee", "E-x-" + run, "D-ops-" + run);
        String appeals = "/api/violations/" + first.violationId() + "/appeals";

        given().auth().oauth2(token("employee", "E-other-" + run, "D-ops-" + run)).contentType(ContentType.JSON)
                .body("{\"reason\":\"不是我\"}").post(appeals).then().statusCode(404);
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"reason\":\" \"}").post(appeals).then()
                .statusCode(422).body("error", containsString("reason"));
        String appealId = given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"reason\":\"这是客户发来的原话，我在转述给同事核实\"}").post(appeals).then().statusCode(201)
                .body("status", is("PENDING")).body("decideBy", notNullValue()).extract().path("id");
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"reason\":\"再申诉\"}").post(appeals)
                .then().statusCode(409);

        // who sees it: the appellant, the head of the owner's department, HR; not another department's head
        given().auth().oauth2(member).get("/api/appeals").then().statusCode(200).body("id", hasItem(appealId));
        given().auth().oauth2(token("dept-head", "E-head-" + run, "D-ops-" + run)).get("/api/appeals").then()
                .statusCode(200).body("id", hasItem(appealId));
        given().auth().oauth2(token("dept-head", "E-sales-" + run, "D-sales-" + run)).get("/api/appeals").then()
                .statusCode(200).body("id", not(hasItem(appealId)));

        // who decides: never the appellant (even as a department head), not another department's head
        String decision = "/api/appeals/" + appealId + "/decision";
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"uphold\":true,\"reason\":\"我同意\"}")
                .post(decision).then().statusCode(403);
        given().auth().oauth2(token("dept-head", "E-x-" + run, "D-ops-" + run)).contentType(ContentType.JSON)
                .body("{\"uphold\":true,\"reason\":\"我同意\"}").post(decision).then().statusCode(403)
                .body("error", containsString("never decided by the appellant"));
        given().auth().oauth2(token("dept-head", "E-sales-" + run, "D-sales-" + run)).contentType(ContentType.JSON)
                .body("{\"uphold\":true,\"reason\":\"同意\"}").post(decision).then().statusCode(404);
        String hr = token("hr", "E-hr-" + run, null);
        given().auth().oauth2(hr).contentType(ContentType.JSON).body("{\"uphold\":true}").post(decision).then()
                .statusCode(422);
        given().auth().oauth2(hr).contentType(ContentType.JSON).body("{\"reason\":\"x\"}").post(decision).then()
                .statusCode(400);
        given().auth().oauth2(token("dept-head", "E-head-" + run, "D-ops-" + run)).contentType(ContentType.JSON)
                .body("{\"uphold\":true,\"reason\":\"转述客户原话，不是广告\"}").post(decision).then().statusCode(200)
                .body("status", is("UPHELD")).body("decidedBy", is("E-head-" + run));
        given().auth().oauth2(hr).contentType(ContentType.JSON).body("{\"uphold\":false,\"reason\":\"x\"}")
                .post(decision).then().statusCode(409);

        AppealDecided decided = Fixtures.published(probe, groupId, AppealDecided.class, all -> !all.isEmpty(), WAIT)
                .getFirst();
        assertTrue(decided.upheld());
        assertEquals(first.violationId(), decided.violationId());
        assertEquals(first.sanction(), decided.sanction());
        assertEquals("转述客户原话，不是广告", decided.reason());
        // the filing was announced before the decision, for the dashboard's open appeals
        AppealFiled filed = Fixtures.published(probe, groupId, AppealFiled.class, all -> !all.isEmpty(), WAIT)
                .getFirst();
        assertEquals(decided.appealId(), filed.appealId());
        assertEquals(first.violationId(), filed.violationId());
        assertEquals("E-x-" + run, filed.appellant());

        // off the ladder and the fine cancelled: the next offence is the first again
        given().auth().oauth2(member).get("/api/people/E-x-" + run + "/offences").then().statusCode(200)
                .body("finesYuan", is(0)).body("offencesInWindow", is(0))
                .body("violations[0].reversedAt", notNullValue());
        ViolationOpened next = violation(groupId, OffsetDateTime.now(ZoneOffset.UTC), 2);
        assertEquals(1, next.offence());
        assertEquals(new Sanction(Sanction.Kind.FINE, null, 50), next.sanction());
    }

    @Test
    void sv6Sv7ALateAppealRemindsItsDecidersOnceAndOneUpheldAsAFalsePositiveProposesItsPhraseForTheAllowList() {
        String groupId = group();
        ViolationOpened violation = violation(groupId, OffsetDateTime.now(ZoneOffset.UTC), 1);
        String appealId = given().auth().oauth2(token("employee", "E-x-" + run, "D-ops-" + run))
                .contentType(ContentType.JSON).body("{\"reason\":\"我是在提醒大家警惕刷单返利\"}")
                .post("/api/violations/" + violation.violationId() + "/appeals").then().statusCode(201)
                .extract().path("id");

        // three days on nobody has decided: the deciders are reminded, once
        OffsetDateTime late = OffsetDateTime.now(ZoneOffset.UTC).plusDays(4);
        assertTrue(appeals.remindLate(late) >= 1);
        assertEquals(0, appeals.remindLate(late), "each late appeal is reminded once");
        AppealDecisionDue due = Fixtures.published(probe, groupId, AppealDecisionDue.class, all -> !all.isEmpty(),
                WAIT).getFirst();
        assertEquals(appealId, due.appealId().toString());
        assertEquals("D-ops-" + run, due.ownerDepartmentId());
        assertEquals("E-x-" + run, due.appellant());

        String hr = token("hr", "E-hr-" + run, null);
        String decision = "/api/appeals/" + appealId + "/decision";
        given().auth().oauth2(hr).contentType(ContentType.JSON)
                .body("{\"uphold\":false,\"reason\":\"x\",\"allowPhrase\":\"警惕刷单返利\"}").post(decision).then()
                .statusCode(422).body("error", containsString("upheld"));
        int proposal = given().auth().oauth2(hr).contentType(ContentType.JSON)
                .body("{\"uphold\":true,\"reason\":\"提醒同事防骗，不是广告\",\"allowPhrase\":\"警惕刷单返利\"}")
                .post(decision).then().statusCode(200).body("status", is("UPHELD"))
                .body("allowPhrase", is("警惕刷单返利")).extract().path("lexiconProposal");
        given().auth().oauth2(hr).get("/api/lexicon/versions/{v}/files", proposal).then().statusCode(200)
                .body("'allow.txt'", containsString("警惕刷单返利"));
        given().auth().oauth2(hr).get("/api/lexicon/versions").then().statusCode(200)
                .body("find { it.version == " + proposal + " }.status", is("PROPOSED"))
                .body("find { it.version == " + proposal + " }.proposedBy", is("E-hr-" + run))
                .body("find { it.version == " + proposal + " }.summary", containsString(appealId));
        // proposed in the decider's name: someone else of HR approves it
        given().auth().oauth2(hr).contentType(ContentType.JSON).body("{\"approve\":true,\"reason\":\"ok\"}")
                .post("/api/lexicon/proposals/{v}/decision", proposal).then().statusCode(403);
    }

    @Test
    void sv1AGroupsViolationsAreSeenByItsOwnerTheOwnersDepartmentHeadAndHrAndEachReadIsAudited() {
        String groupId = group();
        ViolationOpened violation = violation(groupId, OffsetDateTime.now(ZoneOffset.UTC), 1);
        String path = "/api/groups/" + groupId + "/violations";
        given().auth().oauth2(token("employee", "E-own-" + run, "D-ops-" + run)).get(path).then().statusCode(200)
                .body("violationId", hasItem(violation.violationId().toString()))
                .body("[0].employeeId", is("E-x-" + run)).body("[0].evidence", containsString("刷单返利"));
        given().auth().oauth2(token("dept-head", "E-head-" + run, "D-ops-" + run)).get(path).then().statusCode(200)
                .body("violationId", hasItem(violation.violationId().toString()));
        given().auth().oauth2(token("hr", "E-hr-" + run, null)).queryParam("limit", 1).get(path).then()
                .statusCode(200).body("size()", is(1));
        given().auth().oauth2(token("employee", "E-x-" + run, "D-ops-" + run)).get(path).then().statusCode(404);
        given().auth().oauth2(token("dept-head", "E-sales-" + run, "D-sales-" + run)).get(path).then()
                .statusCode(404);
        given().auth().oauth2(token("hr", "E-hr-" + run, null)).queryParam("limit", 0).get(path).then()
                .statusCode(400).body("error", containsString("limit"));
        given().get(path).then().statusCode(401);
        given().auth().oauth2(token("auditor", "E-audit-" + run, null)).queryParam("reader", "E-own-" + run)
                .get("/api/evidence-reads").then().statusCode(200).body("reader", hasItem("E-own-" + run));
    }

    @Test
    void sv7EmployeesFlagFalsePositivesAndCommentOnRulesAndHrReadsThemPerRuleAndTerm() {
        String groupId = group();
        ViolationOpened flagged = violation(groupId, OffsetDateTime.now(ZoneOffset.UTC), 1);
        String path = "/api/violations/" + flagged.violationId() + "/feedback";
        String member = token("employee", "E-x-" + run, "D-ops-" + run);
        given().auth().oauth2(token("employee", "E-other-" + run, null)).contentType(ContentType.JSON)
                .body("{\"text\":\"误判\"}").post(path).then().statusCode(404);
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"text\":\"\"}").post(path).then()
                .statusCode(422);
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"text\":\"这是客户原话，不是我在打广告\"}")
                .post(path).then().statusCode(201).body("kind", is("FALSE_POSITIVE")).body("term", notNullValue());
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"text\":\"再说一次\"}").post(path)
                .then().statusCode(409);
        given().auth().oauth2(token("dept-head", "E-head-" + run, "D-ops-" + run)).contentType(ContentType.JSON)
                .body("{\"text\":\"同意，是误判\"}").post(path).then().statusCode(201);
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"text\":\"转述客户的话也算广告吗？\"}")
                .post("/api/rules/" + flagged.ruleId() + "/feedback").then().statusCode(201)
                .body("kind", is("COMMENT"));
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                .post("/api/rules/not-a-rule/feedback").then().statusCode(422);

        given().auth().oauth2(member).get("/api/feedback/summary").then().statusCode(403);
        given().auth().oauth2(token("hr", "E-hr-" + run, null)).get("/api/feedback/summary").then().statusCode(200)
                .body("find { it.ruleId == '" + flagged.ruleId() + "' && it.term != null }.falsePositives",
                        greaterThanOrEqualTo(2));
        given().auth().oauth2(token("auditor", "A-" + run, null)).get("/api/rules/" + flagged.ruleId() + "/feedback")
                .then().statusCode(200).body("text", hasItem("转述客户的话也算广告吗？"));
        given().auth().oauth2(token("hr", "E-hr-" + run, null)).queryParam("since", "yesterday")
                .get("/api/feedback/summary").then().statusCode(400);
    }

    @Test
    void sv6AnAppealAfterThePolicysWindowIsRefused() {
        String groupId = group();
        ViolationOpened old = violation(groupId, OffsetDateTime.now(ZoneOffset.UTC).minusDays(8), 1);
        given().auth().oauth2(token("employee", "E-x-" + run, "D-ops-" + run)).contentType(ContentType.JSON)
                .body("{\"reason\":\"迟到的申诉\"}").post("/api/violations/" + old.violationId() + "/appeals").then()
                .statusCode(422).body("error", containsString("7 days"));
        given().auth().oauth2(token("auditor", "A-" + run, null)).get("/api/appeals?status=LATE").then()
                .statusCode(400);
        given().get("/api/appeals").then().statusCode(401);
        given().auth().oauth2(token("operator", "O-" + run, null)).get("/api/appeals").then().statusCode(403);
    }
}
