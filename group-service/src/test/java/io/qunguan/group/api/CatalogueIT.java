package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventJson;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of group types (GL-7) and its policy versions (SV-9): the default catalogue at first start, a
 * change that takes effect only once a second HR person approves it, refusals with reasons, the audit trail.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class CatalogueIT {

    static final Tokens TOKENS = Tokens.forTests();

    static String policyOf(String typeId) {
        return given().auth().oauth2(TOKENS.issue("employee", "e-1", null)).get("/api/group-types/" + typeId)
                .then().statusCode(200).extract().jsonPath().prettify();
    }

    static ObjectNode proposal(String name, String policySource, String reason) throws Exception {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        body.put("name", name);
        body.set("policy", EventJson.MAPPER.readTree(policySource).path("policy"));
        body.put("reason", reason);
        return body;
    }

    @Test
    void theDefaultCatalogueIsReadableByEveryoneAndHistoryByHrAndAuditors() {
        given().auth().oauth2(TOKENS.issue("employee", "e-1", null)).get("/api/group-types").then().statusCode(200)
                .body("typeId", hasItems("management", "production-sales", "all-staff", "department", "project",
                        "customer", "social"));
        given().auth().oauth2(TOKENS.issue("employee", "e-1", null)).get("/api/group-types/department")
                .then().statusCode(200).body("name", is("部门工作群")).body("policy.naming.prefix", is("DEPARTMENT"))
                .body("policy.approvalChain[0].approver", is("DEPARTMENT_HEAD"));
        given().auth().oauth2(TOKENS.issue("auditor", "a-1", null)).get("/api/group-types/project/versions")
                .then().statusCode(200).body("[0].version", is(1)).body("[0].status", is("APPROVED"))
                .body("[0].proposedBy", is("qunguan"));
        given().auth().oauth2(TOKENS.issue("employee", "e-1", null)).get("/api/group-types/project/versions")
                .then().statusCode(403);
        given().get("/api/group-types").then().statusCode(401);
        given().auth().oauth2(TOKENS.issue("employee", "e-1", null)).get("/api/group-types/no-such-type")
                .then().statusCode(404);
    }

    @Test
    void aNewTypeTakesEffectOnlyWhenASecondPersonApprovesIt() throws Exception {
        String type = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String proposer = TOKENS.issue("hr", "hr-zhang", null);
        String approver = TOKENS.issue("hr", "hr-li", null);
        ObjectNode body = proposal("车间群", policyOf("production-sales"), "新设车间协调群类型");

        given().auth().oauth2(proposer).contentType(ContentType.JSON).body(body.toString())
                .post("/api/group-types/" + type + "/versions").then().statusCode(201)
                .header("Location", containsString("/api/group-types/" + type + "/versions/1"))
                .body("status", is("PROPOSED")).body("proposedBy", is("hr-zhang"));
        given().auth().oauth2(proposer).get("/api/group-types/" + type).then().statusCode(404);

        given().auth().oauth2(proposer).contentType(ContentType.JSON).body("{\"reason\":\"我自己批准\"}")
                .post("/api/group-types/" + type + "/versions/1/approve").then().statusCode(403)
                .body("error", containsString("SV-9"));
        given().auth().oauth2(approver).contentType(ContentType.JSON).body("{}")
                .post("/api/group-types/" + type + "/versions/1/approve").then().statusCode(422)
                .body("error", containsString("reason is required"));
        given().auth().oauth2(approver).contentType(ContentType.JSON).body("{\"reason\":\"同意\"}")
                .post("/api/group-types/" + type + "/versions/1/approve").then().statusCode(200)
                .body("status", is("APPROVED")).body("decidedBy", is("hr-li"));
        given().auth().oauth2(approver).contentType(ContentType.JSON).body("{\"reason\":\"再批一次\"}")
                .post("/api/group-types/" + type + "/versions/1/approve").then().statusCode(409);
        given().auth().oauth2(proposer).get("/api/group-types/" + type).then().statusCode(200)
                .body("version", is(1)).body("name", is("车间群"));

        // a change proposed and rejected leaves the effective policy as it was
        ObjectNode change = proposal(null, policyOf(type), "允许成员自行退群");
        ((ObjectNode) change.path("policy")).put("leavingAllowed", true);
        given().auth().oauth2(approver).contentType(ContentType.JSON).body(change.toString())
                .post("/api/group-types/" + type + "/versions").then().statusCode(201).body("version", is(2));
        given().auth().oauth2(proposer).contentType(ContentType.JSON).body(change.toString())
                .post("/api/group-types/" + type + "/versions").then().statusCode(409)
                .body("error", containsString("already has an open proposal"));
        given().auth().oauth2(proposer).contentType(ContentType.JSON).body("{\"reason\":\"车间群不得随意退出\"}")
                .post("/api/group-types/" + type + "/versions/2/reject").then().statusCode(200)
                .body("status", is("REJECTED"));
        given().auth().oauth2(proposer).get("/api/group-types/" + type).then().statusCode(200)
                .body("version", is(1)).body("policy.leavingAllowed", is(false));

        // the same change in YAML, approved this time
        change.put("reason", "车间群改为可退出");
        String yaml = new YAMLMapper().writeValueAsString(change);
        given().auth().oauth2(proposer).contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/group-types/" + type + "/versions").then().statusCode(201).body("version", is(3));
        given().auth().oauth2(approver).contentType(ContentType.JSON).body("{\"reason\":\"同意\"}")
                .post("/api/group-types/" + type + "/versions/3/approve").then().statusCode(200);
        given().auth().oauth2(proposer).get("/api/group-types/" + type).then().statusCode(200)
                .body("version", is(3)).body("policy.leavingAllowed", is(true));

        List<String> actions = given().auth().oauth2(TOKENS.issue("auditor", "a-1", null))
                .queryParam("objectType", "group-type").queryParam("objectId", type).get("/api/audit-log")
                .then().statusCode(200).extract().jsonPath().getList("action");
        assertEquals(List.of("policy.approve", "policy.propose", "policy.reject", "policy.propose", "policy.approve",
                "policy.propose"), actions);
        given().auth().oauth2(TOKENS.issue("employee", "e-1", null)).get("/api/audit-log").then().statusCode(403);
    }

    @Test
    void aFaultyProposalIsRefusedWithEveryReasonAndOnlyHrProposes() throws Exception {
        String type = "t-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode body = proposal("坏类型", policyOf("social"), "试一下");
        ((ObjectNode) body.path("policy")).put("staleAfterDays", -1);
        ((ObjectNode) body.path("policy").path("invitations")).put("onUninvited", "SHRUG");
        given().auth().oauth2(TOKENS.issue("hr", "hr-zhang", null)).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/group-types/" + type + "/versions").then().statusCode(422)
                .body("error", containsString("$.invitations.onUninvited"));

        ((ObjectNode) body.path("policy").path("invitations")).put("onUninvited", "FLAG");
        given().auth().oauth2(TOKENS.issue("hr", "hr-zhang", null)).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/group-types/" + type + "/versions").then().statusCode(422)
                .body("problems", hasItems("staleAfterDays must be 0 (never stale) or more"));
        given().auth().oauth2(TOKENS.issue("hr", "hr-zhang", null)).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/group-types/Bad_Id/versions").then().statusCode(422);
        given().auth().oauth2(TOKENS.issue("dept-head", "head-1", "D-1")).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/group-types/" + type + "/versions").then().statusCode(403);
        given().auth().oauth2(TOKENS.issue("hr", "hr-zhang", null)).contentType("application/yaml")
                .body("reason: [unclosed".getBytes(StandardCharsets.UTF_8)).post("/api/group-types/" + type + "/versions").then().statusCode(400);
        given().auth().oauth2(TOKENS.issue("hr", "hr-zhang", null)).get("/api/group-types/" + type + "/versions")
                .then().statusCode(404);
    }
}
