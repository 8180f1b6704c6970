package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.GroupApprovalDecided;
import io.qunguan.events.GroupRequested;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.Topics;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group's way into existence: request (GL-1), naming against the directory (GL-4), resemblance to live groups
 * (GL-3), the approval chain step by step with reasons, rejection and resubmission (GL-2); events on group.events
 * and the snapshot on group.state.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class GroupRequestIT extends KafkaProbing {

    private String s;
    private String marketing;

    @BeforeEach
    void directory() {
        s = DirectoryIT.unique();
        marketing = "市场部" + s;
        DirectoryIT.importJson("""
                {"departments": [{"id": "MKT-%1$s", "name": "市场部%1$s", "headId": "HEAD-%1$s"},
                                 {"id": "FIN-%1$s", "name": "财务部%1$s"}],
                 "employees": [
                   {"id": "HEAD-%1$s", "realName": "钱七", "departmentId": "MKT-%1$s", "rank": "director"},
                   {"id": "REQ-%1$s", "realName": "张三", "departmentId": "MKT-%1$s"},
                   {"id": "M1-%1$s", "realName": "李四", "departmentId": "MKT-%1$s"},
                   {"id": "M2-%1$s", "realName": "王五", "departmentId": "MKT-%1$s"},
                   {"id": "M3-%1$s", "realName": "赵六", "departmentId": "FIN-%1$s"}]}""".formatted(s));
    }

    private String employee(String id) {
        return DirectoryIT.TOKENS.issue("employee", id + "-" + s, null);
    }

    private String request(String type, String name, String purpose, String... members) {
        StringBuilder json = new StringBuilder("{\"typeId\": \"" + type + "\", \"name\": \"" + name
                + "\", \"purpose\": \"" + purpose + "\", \"ownerId\": \"REQ-" + s + "\", \"intendedMembers\": [");
        for (int i = 0; i < members.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(members[i]).append('-').append(s).append('"');
        }
        return json.append("]}").toString();
    }

    @Test
    void gl1Gl2Gl4ADepartmentGroupIsRequestedNamedAndApprovedByItsHead() {
        given().auth().oauth2(employee("REQ")).contentType(ContentType.JSON)
                .body(request("department", "新品群", "新品推广")).post("/api/groups").then().statusCode(422)
                .body("error", containsString("name 新品群 must be [department]-[purpose], e.g. 市场部-新品推广组"));
        given().auth().oauth2(employee("REQ")).contentType(ContentType.JSON)
                .body(request("department", "财务部" + s + "-新品推广组", "新品推广", "NOBODY"))
                .post("/api/groups").then().statusCode(422)
                .body("problems", hasItem(containsString("intendedMembers not in the directory")));

        JsonPath requested = given().auth().oauth2(employee("REQ")).contentType(ContentType.JSON)
                .body(request("department", marketing + "-新品推广组", "新品上市推广的日常协调", "M1", "M2"))
                .post("/api/groups").then().statusCode(201).body("status", is("REQUESTED"))
                .body("departmentId", is("MKT-" + s)).body("pendingStep.approver", is("DEPARTMENT_HEAD"))
                .extract().jsonPath();
        String id = requested.getString("id");

        given().auth().oauth2(employee("REQ")).contentType(ContentType.JSON).body("{\"approve\":true,\"reason\":\"好\"}")
                .post("/api/groups/" + id + "/decision").then().statusCode(403)
                .body("error", containsString("does not decide their own request"));
        given().auth().oauth2(DirectoryIT.TOKENS.issue("dept-head", "someone-" + s, "FIN-" + s))
                .contentType(ContentType.JSON).body("{\"approve\":true,\"reason\":\"好\"}")
                .post("/api/groups/" + id + "/decision").then().statusCode(404);
        given().auth().oauth2(DirectoryIT.TOKENS.issue("hr", "hr-" + s, null)).contentType(ContentType.JSON)
                .body("{\"approve\":true,\"reason\":\"好\"}").post("/api/groups/" + id + "/decision").then()
                .statusCode(403).body("error", containsString("the head of the group's department"));
        // the head named in the directory decides, whatever role their token carries
        given().auth().oauth2(employee("HEAD")).contentType(ContentType.JSON)
                .body("{\"approve\":true,\"reason\":\"确有推广协调需要\"}").post("/api/groups/" + id + "/decision")
                .then().statusCode(200).body("status", is("APPROVED")).body("pendingStep", nullValue())
                .body("approvals[0].decidedBy", is("HEAD-" + s)).body("approvals[0].reason", is("确有推广协调需要"));

        List<EventEnvelope<EventPayload>> events = probe.eventsThrough(Topics.GROUP_EVENTS,
                event -> event.data() instanceof GroupApprovalDecided decided && decided.groupId().equals(id),
                Duration.ofSeconds(30));
        GroupRequested request = (GroupRequested) events.stream().filter(e -> e.subject().equals(id))
                .findFirst().orElseThrow().data();
        assertEquals(List.of("M1-" + s, "M2-" + s), request.intendedMembers());
        assertTrue(((GroupApprovalDecided) events.getLast().data()).complete());

        GroupSnapshot snapshot = (GroupSnapshot) probe.eventsThrough(Topics.GROUP_STATE,
                event -> event.data() instanceof GroupSnapshot state && state.groupId().equals(id)
                        && state.status().equals("APPROVED"), Duration.ofSeconds(30)).getLast().data();
        assertEquals("department", snapshot.typeId());
        assertEquals("DEPARTMENT", snapshot.policy().path("naming").path("prefix").asText());
        assertEquals("REQ-" + s, snapshot.ownerId());
    }

    @Test
    void gl2ATwoStepChainIsRejectedThenResubmittedInANewRound() {
        String id = given().auth().oauth2(employee("REQ")).contentType(ContentType.JSON)
                .body(request("customer", marketing + "-大客户服务群", "重点客户的售后服务", "M1"))
                .post("/api/groups").then().statusCode(201).body("pendingStep.step", is(1))
                .extract().path("id");
        given().auth().oauth2(DirectoryIT.TOKENS.issue("dept-head", "deputy-" + s, "MKT-" + s))
                .contentType(ContentType.JSON).body("{\"approve\":true,\"reason\":\"同意开展\"}")
                .post("/api/groups/" + id + "/decision").then().statusCode(200).body("status", is("REQUESTED"))
                .body("pendingStep.step", is(2)).body("pendingStep.approver", is("HR"));
        given().auth().oauth2(DirectoryIT.TOKENS.issue("hr", "hr-" + s, null)).contentType(ContentType.JSON)
                .body("{\"approve\":false,\"reason\":\"客户名单未附\"}").post("/api/groups/" + id + "/decision")
                .then().statusCode(200).body("status", is("REJECTED"));
        given().auth().oauth2(DirectoryIT.TOKENS.issue("hr", "hr-" + s, null)).contentType(ContentType.JSON)
                .body("{\"approve\":true,\"reason\":\"再看\"}").post("/api/groups/" + id + "/decision")
                .then().statusCode(409);
        given().auth().oauth2(employee("M1")).contentType(ContentType.JSON)
                .body(request("customer", marketing + "-大客户服务群", "重点客户的售后服务（附客户名单）", "M1"))
                .put("/api/groups/" + id + "/request").then().statusCode(404);

        given().auth().oauth2(employee("REQ")).contentType(ContentType.JSON)
                .body(request("customer", marketing + "-大客户服务群", "重点客户的售后服务（附客户名单）", "M1"))
                .put("/api/groups/" + id + "/request").then().statusCode(200).body("status", is("REQUESTED"))
                .body("round", is(2)).body("pendingStep.step", is(1)).body("approvals.size()", is(2))
                .body("approvals[1].approved", is(false)).body("approvals[1].reason", is("客户名单未附"));

        given().auth().oauth2(employee("REQ")).get("/api/groups?status=REQUESTED").then().statusCode(200)
                .body("id", hasItem(id));
        given().auth().oauth2(employee("M3")).get("/api/groups/" + id).then().statusCode(404);
        given().auth().oauth2(DirectoryIT.TOKENS.issue("auditor", "a-" + s, null)).get("/api/groups/" + id)
                .then().statusCode(200);
        given().auth().oauth2(employee("REQ")).get("/api/groups?status=OPEN").then().statusCode(400);
        given().get("/api/groups/" + id).then().statusCode(401);
    }

    @Test
    void gl2Gl3AHeadsOwnRequestIsApprovedAtOnceAndAResemblingRequestIsFlagged() {
        String first = given().auth().oauth2(employee("HEAD")).contentType(ContentType.JSON)
                .body(request("department", marketing + "-新品推广组", "新品上市推广活动的日常协调", "M1", "M2"))
                .post("/api/groups").then().statusCode(201).body("status", is("APPROVED"))
                .body("approvals[0].reason", is("requested by the approver")).extract().path("id");

        given().auth().oauth2(employee("REQ")).contentType(ContentType.JSON)
                .body(request("department", marketing + "-推广协调群", "新品上市推广活动协调", "M3"))
                .post("/api/groups").then().statusCode(201)
                .body("duplicates.groupId", hasItem(first))
                .body("duplicates[0].reason", containsString("similar purpose"));
        given().auth().oauth2(employee("REQ")).contentType(ContentType.JSON)
                .body(request("department", marketing + "-预算群", "年度预算编制", "M1", "M2"))
                .post("/api/groups").then().statusCode(201)
                .body("duplicates.groupId", hasItem(first))
                .body("duplicates[0].reason", containsString("intended members are already members"));
    }
}
