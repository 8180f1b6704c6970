package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.testkit.BridgeClient;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.OpenTransaction;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Work accounts: application with reason, period and the work-only / no-lending acknowledgement (AC-1, AC-2), review
 * by the department head and approval by a company leader, allocation into the directory (AC-5: what membership
 * checks know), a loss reported to the owners of the account's groups (AC-4), reclaiming on leaving (AC-3).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class WorkAccountIT {

    @TestHTTPResource("/")
    URL root;

    @Inject
    DataSource dataSource;

    private static String directory(String s, boolean applicantActive) {
        return """
                {"departments": [{"id": "SAL-%1$s", "name": "销售部%1$s", "headId": "HEAD-%1$s"},
                                 {"id": "OFF-%1$s", "name": "总裁办%1$s"}],
                 "employees": [
                   {"id": "HEAD-%1$s", "realName": "钱七", "departmentId": "SAL-%1$s", "rank": "director"},
                   {"id": "CEO-%1$s", "realName": "赵总", "departmentId": "OFF-%1$s", "rank": "executive"},
                   {"id": "APP-%1$s", "realName": "吴十", "departmentId": "SAL-%1$s", "managerId": "HEAD-%1$s",
                    "active": %2$s},
                   {"id": "OTHER-%1$s", "realName": "冯十一", "departmentId": "SAL-%1$s"}]}"""
                .formatted(s, applicantActive);
    }

    @Test
    void ac1Ac2Ac3Ac4Ac5AWorkAccountFromApplicationToReclaiming() {
        String s = DirectoryIT.unique();
        DirectoryIT.importJson(directory(s, true));
        String applicant = DirectoryIT.TOKENS.issue("employee", "APP-" + s, null);
        String head = DirectoryIT.TOKENS.issue("employee", "HEAD-" + s, null);
        String hr = DirectoryIT.hr();

        given().auth().oauth2(applicant).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"reason\":\"对接客户\"}").post("/api/work-accounts").then()
                .statusCode(422).body("problems", hasItem(containsString("AC-2")));
        String application = """
                {"platform": "generic", "reason": "负责华东区客户对接", "from": "%s", "to": "%s",
                 "workOnly": true, "noLending": true}""".formatted(today(), today().plusYears(1));
        String id = given().auth().oauth2(applicant).contentType(ContentType.JSON).body(application)
                .post("/api/work-accounts").then().statusCode(201).body("status", is("REQUESTED"))
                .body("acknowledgedAt", not(is((Object) null))).extract().path("id");
        given().auth().oauth2(applicant).contentType(ContentType.JSON).body(application).post("/api/work-accounts")
                .then().statusCode(409);
        given().auth().oauth2(DirectoryIT.TOKENS.issue("employee", "OTHER-" + s, null)).get("/api/work-accounts/" + id)
                .then().statusCode(404);
        given().auth().oauth2(DirectoryIT.TOKENS.issue("employee", "NOBODY-" + s, null)).contentType(ContentType.JSON)
                .body(application).post("/api/work-accounts").then().statusCode(403);

        // the department head reviews, a company leader approves, HR allocates (AC-1)
        given().auth().oauth2(applicant).contentType(ContentType.JSON).body("{\"approve\":true,\"reason\":\"我要\"}")
                .post("/api/work-accounts/" + id + "/review").then().statusCode(403);
        given().auth().oauth2(DirectoryIT.TOKENS.issue("employee", "CEO-" + s, null)).contentType(ContentType.JSON)
                .body("{\"approve\":true,\"reason\":\"同意\"}").post("/api/work-accounts/" + id + "/approval").then()
                .statusCode(409);
        given().auth().oauth2(head).contentType(ContentType.JSON).body("{\"approve\":true,\"reason\":\"业务需要\"}")
                .post("/api/work-accounts/" + id + "/review").then().statusCode(200).body("status", is("REVIEWED"))
                .body("reviewedBy", is("HEAD-" + s));
        given().auth().oauth2(head).contentType(ContentType.JSON).body("{\"approve\":true,\"reason\":\"同意\"}")
                .post("/api/work-accounts/" + id + "/approval").then().statusCode(403)
                .body("error", containsString("company leader"));
        given().auth().oauth2(DirectoryIT.TOKENS.issue("employee", "CEO-" + s, null)).contentType(ContentType.JSON)
                .body("{\"approve\":true,\"reason\":\"同意开通\"}").post("/api/work-accounts/" + id + "/approval").then()
                .statusCode(200).body("status", is("APPROVED"));
        given().auth().oauth2(applicant).contentType(ContentType.JSON).body("{\"platformUserId\":\"u-x\"}")
                .post("/api/work-accounts/" + id + "/allocation").then().statusCode(403);
        String user = "u-wu-" + s;
        given().auth().oauth2(hr).contentType(ContentType.JSON).body("{\"platformUserId\":\"" + user + "\"}")
                .post("/api/work-accounts/" + id + "/allocation").then().statusCode(200)
                .body("status", is("ALLOCATED")).body("platformUserId", is(user));
        given().auth().oauth2(hr).get("/api/directory/employees/APP-" + s).then().statusCode(200)
                .body("platformAccounts.generic", is(user));

        // the account in a group; a personal account there is unknown (AC-5 through MB-4)
        String group = given().auth().oauth2(head).contentType(ContentType.JSON).body("""
                        {"typeId": "department", "name": "销售部%1$s-客户对接群", "purpose": "客户对接协作",
                         "ownerId": "HEAD-%1$s"}""".formatted(s))
                .post("/api/groups").then().statusCode(201).body("status", is("APPROVED")).extract().path("id");
        given().auth().oauth2(head).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"sales-" + s + "\"}")
                .post("/api/groups/" + group + "/chats").then().statusCode(200);
        joins("sales-" + s, user, "销售部" + s + "-吴十");
        joins("sales-" + s, "wx-personal-" + s, "吴十的私人号");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(head)
                .get("/api/groups/" + group + "/tasks").then().statusCode(200)
                .body("find { it.ruleId == 'MB-4' }.detail", containsString("official work account (AC-5)")));

        // lost (AC-4): the group's owner is told; HR recovers and re-allocates
        given().auth().oauth2(applicant).contentType(ContentType.JSON).body("{}")
                .post("/api/work-accounts/" + id + "/loss").then().statusCode(422);
        given().auth().oauth2(applicant).contentType(ContentType.JSON).body("{\"detail\":\"手机在地铁上丢失\"}")
                .post("/api/work-accounts/" + id + "/loss").then().statusCode(200).body("status", is("LOST"));
        given().auth().oauth2(head).get("/api/tasks").then().statusCode(200)
                .body("find { it.ruleId == 'AC-4' }.detail", containsString("reported lost or stolen"))
                .body("find { it.ruleId == 'AC-4' }.groupId", is(group));
        given().auth().oauth2(hr).contentType(ContentType.JSON).body("{\"platformUserId\":\"" + user + "\"}")
                .post("/api/work-accounts/" + id + "/allocation").then().statusCode(200)
                .body("status", is("ALLOCATED"));

        // leaving the company reclaims the account (AC-3)
        DirectoryIT.importJson(directory(s, false));
        given().auth().oauth2(hr).get("/api/work-accounts/" + id).then().statusCode(200)
                .body("status", is("RECLAIMED")).body("reclaimReason", containsString("left the company"));
        given().auth().oauth2(hr).get("/api/audit-log?objectType=work-account&objectId=" + id).then().statusCode(200)
                .body("action", hasItems("account.apply", "account.review.approve", "account.approval.approve",
                        "account.allocate", "account.lost", "account.recover", "account.reclaim"));
    }

    @Test
    void twoApplicationsForTheSameAccountAtOnceTheLaterIsAConflictNotAServerError() throws Exception {
        String s = DirectoryIT.unique();
        DirectoryIT.importJson(directory(s, true));
        String applicant = DirectoryIT.TOKENS.issue("employee", "APP-" + s, null);
        String application = """
                {"platform": "generic", "reason": "负责华东区客户对接", "workOnly": true, "noLending": true}""";
        // the other request's row: written, not yet committed, so this request's own check cannot see it
        try (OpenTransaction other = OpenTransaction.run(dataSource, """
                INSERT INTO work_account (id, employee_id, platform, reason, period_from, status, acknowledged_at,
                                          requested_at, updated_at)
                VALUES (?, ?, 'generic', '同时提交', CURRENT_DATE, 'REQUESTED', now(), now(), now())""",
                "wa-" + UUID.randomUUID(), "APP-" + s)) {
            CompletableFuture<io.restassured.response.Response> answer = CompletableFuture.supplyAsync(() ->
                    given().auth().oauth2(applicant).contentType(ContentType.JSON).body(application)
                            .post("/api/work-accounts"));
            other.commitOnceBlocked(Duration.ofSeconds(20));
            answer.get(20, TimeUnit.SECONDS).then().statusCode(409)
                    .body("error", containsString("at the same time")).body("constraint", is("work_account_live"));
        }
        given().auth().oauth2(applicant).get("/api/work-accounts").then().statusCode(200)
                .body("size()", is(1)).body("[0].reason", is("同时提交"));
    }

    private void joins(String chat, String member, String nickname) {
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"member_joined\",\"chat\":{\"id\":\"" + chat
                + "\"},\"member\":{\"id\":\"" + member + "\",\"name\":\"" + nickname + "\"},\"at\":\""
                + OffsetDateTime.now(ZoneOffset.UTC) + "\"}";
        BridgeClient.Answer answer = new BridgeClient("test-secret-current").post(
                root.toString().replaceAll("/$", ""), body);
        if (answer.status() != 200) {
            throw new AssertionError(answer.body());
        }
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }
}
