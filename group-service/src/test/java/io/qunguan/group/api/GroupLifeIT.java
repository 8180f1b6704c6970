package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.AnnouncementPublished;
import io.qunguan.events.ChatRenamed;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.EventPayload;
import io.qunguan.events.GroupActivated;
import io.qunguan.events.GroupDissolved;
import io.qunguan.events.GroupOwnerChanged;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.GroupTaskOpened;
import io.qunguan.events.NoticePinned;
import io.qunguan.events.Platform;
import io.qunguan.events.PolicyBreachFound;
import io.qunguan.events.Topics;
import io.qunguan.group.domain.groups.GroupReviews;
import io.qunguan.testkit.BridgeClient;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.OpenTransaction;
import io.qunguan.testkit.PostgresResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A work group's life after approval, through the real paths: signed platform webhooks into im.members and back
 * out of Kafka into the group's state; REST for owners, heads and HR; events on group.events and group.state.
 * Activation (GL-1), pending registration of a chat created on a platform (GL-1), owner and handover (GL-5),
 * announcement (GL-6), pins (GL-10), review (GL-9), dissolution (GL-8), and the membership duties MB-1, MB-3, MB-4,
 * MB-5, MB-6, MB-7, MB-8.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class GroupLifeIT extends KafkaProbing {

    private static final BridgeClient BRIDGE = new BridgeClient("test-secret-current");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL root;

    @Inject
    GroupReviews reviews;

    @Inject
    DataSource dataSource;

    private String s;
    private String hrDepartment;

    @BeforeEach
    void directory() {
        s = DirectoryIT.unique();
        hrDepartment = "行政人事部" + s;
        DirectoryIT.importJson(directoryJson(true));
    }

    /** 行政人事部: head HEAD, owner OWN (manager MGR), members M1, M3; 市场部: M2. */
    private String directoryJson(boolean ownerActive) {
        return """
                {"departments": [{"id": "HR-%1$s", "name": "行政人事部%1$s", "headId": "HEAD-%1$s"},
                                 {"id": "MKT-%1$s", "name": "市场部%1$s"}],
                 "employees": [
                   {"id": "HEAD-%1$s", "realName": "钱七", "departmentId": "HR-%1$s", "rank": "director"},
                   {"id": "MGR-%1$s", "realName": "孙经理", "departmentId": "HR-%1$s", "rank": "manager",
                    "platformAccounts": {"generic": "u-mgr-%1$s"}},
                   {"id": "OWN-%1$s", "realName": "周群主", "departmentId": "HR-%1$s", "managerId": "MGR-%1$s",
                    "active": %2$s, "platformAccounts": {"generic": "u-own-%1$s"}},
                   {"id": "M1-%1$s", "realName": "李四", "departmentId": "HR-%1$s",
                    "platformAccounts": {"generic": "u-m1-%1$s"}},
                   {"id": "M3-%1$s", "realName": "郑十", "departmentId": "HR-%1$s",
                    "platformAccounts": {"generic": "u-m3-%1$s"}},
                   {"id": "M2-%1$s", "realName": "王五", "departmentId": "MKT-%1$s",
                    "platformAccounts": {"generic": "u-m2-%1$s"}}]}""".formatted(s, ownerActive);
    }

    private String token(String person) {
        return DirectoryIT.TOKENS.issue("employee", person + "-" + s, null);
    }

    private String user(String person) {
        return "u-" + person.toLowerCase() + "-" + s;
    }

    /** Posts a signed generic webhook about a chat; {@code json} adds fields, starting with a comma. */
    private void webhook(String type, String chat, String json) {
        webhook(type, chat, null, json);
    }

    private void webhook(String type, String chat, String chatName, String json) {
        webhookAt(type, chat, chatName, OffsetDateTime.now(ZoneOffset.UTC), json);
    }

    /** A webhook the platform dates {@code at}. */
    private void webhookAt(String type, String chat, String chatName, OffsetDateTime at, String json) {
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"chat\":{\"id\":\"" + chat
                + "\"" + (chatName == null ? "" : ",\"name\":\"" + chatName + "\"") + "},\"at\":\""
                + at + "\"" + json + "}";
        BridgeClient.Answer answer = BRIDGE.post(root.toString().replaceAll("/$", ""), body);
        assertEquals(200, answer.status(), answer.body());
    }

    private void joins(String chat, String member, String nickname, String invitedBy) {
        BridgeClient.Answer answer = BRIDGE.post(root.toString().replaceAll("/$", ""),
                BridgeClient.memberJoined(chat, member, nickname, invitedBy));
        assertEquals(200, answer.status(), answer.body());
    }

    private String approvedDepartmentGroup(String purpose) {
        String id = given().auth().oauth2(token("OWN")).contentType(ContentType.JSON).body("""
                        {"typeId": "department", "name": "%s-%s", "purpose": "部门通知与协作",
                         "ownerId": "OWN-%s"}""".formatted(hrDepartment, purpose, s))
                .post("/api/groups").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("HEAD")).contentType(ContentType.JSON)
                .body("{\"approve\":true,\"reason\":\"部门需要\"}").post("/api/groups/" + id + "/decision")
                .then().statusCode(200).body("status", is("APPROVED"));
        return id;
    }

    private List<EventEnvelope<EventPayload>> groupEventsThrough(Predicate<EventPayload> last) {
        return probe.eventsThrough(Topics.GROUP_EVENTS, event -> last.test(event.data()), WAIT);
    }

    private List<PolicyBreachFound> breachesOf(String groupId, int atLeast) {
        List<PolicyBreachFound> found = new ArrayList<>();
        probe.readUntil(Topics.GROUP_EVENTS, records -> {
            found.clear();
            records.stream().map(record -> EventJson.read(record.value()).data())
                    .filter(data -> data instanceof PolicyBreachFound breach && breach.groupId().equals(groupId))
                    .forEach(data -> found.add((PolicyBreachFound) data));
            return found.size() >= atLeast;
        }, WAIT);
        return List.copyOf(found);
    }

    @Test
    void gl1Gl5Gl6Gl8Gl9Gl10Mb1Mb3Mb4Mb5Mb7Mb8AWorkGroupsWholeLife() {
        String id = approvedDepartmentGroup("通知群");
        String chat = "chat-" + s;

        // activation (GL-1): the owner binds the platform chat; the announcement falls due (GL-6), mandatory members
        // are reconciled (MB-7)
        given().auth().oauth2(token("M1")).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}").post("/api/groups/" + id + "/chats")
                .then().statusCode(404);
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON)
                .body("{\"platform\":\"qq-personal\",\"chatId\":\"" + chat + "\"}")
                .post("/api/groups/" + id + "/chats").then().statusCode(422);
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}").post("/api/groups/" + id + "/chats")
                .then().statusCode(200).body("status", is("ACTIVE")).body("chats", hasItem("generic:" + chat))
                .body("problems", empty());
        GroupActivated activated = (GroupActivated) groupEventsThrough(data -> data instanceof GroupActivated a
                && a.groupId().equals(id)).getLast().data();
        assertEquals(List.of("generic:" + chat), activated.chats());
        JsonPath tasks = given().auth().oauth2(token("OWN")).get("/api/tasks").then().statusCode(200).extract()
                .jsonPath();
        assertTrue(tasks.getList("findAll { it.groupId == '" + id + "' }.kind").containsAll(
                List.of("PUBLISH_ANNOUNCEMENT", "INVITE_MEMBER")), tasks.prettify());
        assertTrue(tasks.getString("find { it.kind == 'INVITE_MEMBER' && it.groupId == '" + id + "' }.detail")
                .contains("李四 (M1-" + s + ")"), "the department's staff must be in its group (MB-7)");

        // the announcement (GL-6) is complete or refused with every missing part; pins reach everyone (GL-10)
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON).body("{\"purpose\":\"部门通知\"}")
                .put("/api/groups/" + id + "/announcement").then().statusCode(422)
                .body("problems", hasItems("functions is required", "rules is required", "ownerContact is required"));
        given().auth().oauth2(token("M1")).contentType(ContentType.JSON).body("{\"purpose\":\"x\"}")
                .put("/api/groups/" + id + "/announcement").then().statusCode(404);
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON).body("""
                        {"purpose": "部门日常通知与工作协作", "functions": "通知、排班、工作交接",
                         "memberComposition": "行政人事部全体员工", "rules": "实名昵称；工作时间沟通；收到通知回复收到",
                         "ownerContact": "周群主 分机 8001"}""")
                .put("/api/groups/" + id + "/announcement").then().statusCode(200).body("publishedBy", is("OWN-" + s));
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON).body("{\"text\":\"本周五下午消防演练\"}")
                .post("/api/groups/" + id + "/pins").then().statusCode(201);
        given().auth().oauth2(token("HEAD")).get("/api/groups/" + id + "/pins").then().statusCode(200)
                .body("text", hasItem("本周五下午消防演练"));
        // the group's events are in order on one partition: the announcement is out before the pin
        assertTrue(groupEventsThrough(data -> data instanceof NoticePinned pin && pin.groupId().equals(id)).stream()
                .anyMatch(event -> event.data() instanceof AnnouncementPublished a && a.groupId().equals(id)));

        // members join on the platform: the owner adds M1 with a correct nickname, M1 adds a stranger (MB-1 by the
        // type's APPROVAL rule, MB-4), the owner adds M2 of another department under a false nickname (MB-3, MB-8)
        joins(chat, user("OWN"), hrDepartment + "-周群主", null);
        joins(chat, user("M1"), hrDepartment + "-李四", user("OWN"));
        joins(chat, "u-stranger-" + s, "路人甲", user("M1"));
        joins(chat, user("M2"), hrDepartment + "-王五", user("OWN"));
        List<PolicyBreachFound> breaches = breachesOf(id, 4);
        assertEquals(List.of("MB-1", "MB-3", "MB-4", "MB-8"), breaches.stream().map(PolicyBreachFound::ruleId)
                .sorted().toList(), breaches.toString());
        PolicyBreachFound invite = breaches.stream().filter(b -> b.ruleId().equals("MB-1")).findFirst().orElseThrow();
        assertEquals(user("M1"), invite.offenderId());
        assertEquals("APPROVE", invite.remedy());
        PolicyBreachFound nickname = breaches.stream().filter(b -> b.ruleId().equals("MB-3")).findFirst()
                .orElseThrow();
        assertEquals("M2-" + s, nickname.employeeId());
        assertTrue(nickname.detail().contains("市场部" + s + "-王五"), nickname.detail());

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("HEAD"))
                .get("/api/groups/" + id + "/members").then().statusCode(200)
                .body("platformUserId", hasItems("generic:" + user("M1"), "generic:u-stranger-" + s))
                .body("find { it.platformUserId == 'generic:" + user("OWN") + "' }.role", is("OWNER"))
                .body("find { it.platformUserId == 'generic:u-stranger-" + s + "' }.employeeId", is((Object) null)));
        given().auth().oauth2(token("OWN")).get("/api/groups/" + id + "/tasks").then().statusCode(200)
                .body("findAll { it.status == 'OPEN' }.kind", hasItems("APPROVE_MEMBER", "CHECK_MEMBER"));
        GroupSnapshot withMembers = (GroupSnapshot) probe.eventsThrough(Topics.GROUP_STATE,
                event -> event.data() instanceof GroupSnapshot state && state.groupId().equals(id)
                        && state.members().size() >= 4, WAIT).getLast().data();
        assertTrue(withMembers.members().stream().anyMatch(member -> ("M2-" + s).equals(member.employeeId())
                && ("MKT-" + s).equals(member.departmentId()) && "MEMBER".equals(member.role())), withMembers.toString());

        // the owner leaves the company (MB-5, GL-5): the group goes to their manager, who is to remove them
        DirectoryIT.importJson(directoryJson(false));
        GroupOwnerChanged handover = (GroupOwnerChanged) groupEventsThrough(data -> data instanceof GroupOwnerChanged c
                && c.groupId().equals(id)).getLast().data();
        assertEquals("MGR-" + s, handover.ownerId());
        assertEquals("OWN-" + s, handover.previousOwnerId());
        given().auth().oauth2(token("MGR")).get("/api/tasks").then().statusCode(200)
                .body("findAll { it.groupId == '" + id + "' }.kind", hasItems("REMOVE_MEMBER", "APPROVE_MEMBER"))
                .body("find { it.kind == 'REMOVE_MEMBER' && it.ruleId == 'MB-5' }.detail",
                        containsString("left the company"));

        // review (GL-9), opened by HR: the new owner is asked; they dissolve the group (GL-8)
        given().auth().oauth2(token("M1")).contentType(ContentType.JSON).body("{\"reason\":\"例行\"}")
                .post("/api/groups/" + id + "/review").then().statusCode(404);
        given().auth().oauth2(DirectoryIT.hr()).contentType(ContentType.JSON).body("{\"reason\":\"季度群组检查\"}")
                .post("/api/groups/" + id + "/review").then().statusCode(201).body("kind", is("REVIEW"))
                .body("assigneeId", is("MGR-" + s)).body("detail", containsString("4 members"));
        given().auth().oauth2(token("MGR")).contentType(ContentType.JSON).body("{}")
                .post("/api/groups/" + id + "/dissolution").then().statusCode(422);
        given().auth().oauth2(token("MGR")).contentType(ContentType.JSON).body("{\"reason\":\"通知已并入全员群\"}")
                .post("/api/groups/" + id + "/dissolution").then().statusCode(200).body("status", is("DISSOLVED"))
                .body("dissolutionReason", is("通知已并入全员群"));
        GroupDissolved dissolved = (GroupDissolved) groupEventsThrough(data -> data instanceof GroupDissolved d
                && d.groupId().equals(id)).getLast().data();
        assertTrue(dissolved.members().containsAll(List.of("generic:" + user("M1"), "generic:" + user("M2"))),
                dissolved.toString());
        assertEquals("MGR-" + s, dissolved.dissolvedBy());
        given().auth().oauth2(token("MGR")).get("/api/groups/" + id + "/tasks").then().statusCode(200)
                .body("status", not(hasItem("OPEN")));
        probe.eventsThrough(Topics.GROUP_STATE, event -> event.data() instanceof GroupSnapshot state
                && state.groupId().equals(id) && state.status().equals("DISSOLVED"), WAIT);
        given().auth().oauth2(DirectoryIT.hr()).get("/api/audit-log?objectType=group&objectId=" + id).then()
                .statusCode(200).body("action", hasItems("group.bind-chat", "group.announce", "group.pin",
                        "group.owner", "group.review", "group.dissolve"));
    }

    @Test
    void mb2MembershipChangesAreRequestedReviewedAndThenNoBreachOnThePlatform() {
        String id = approvedDepartmentGroup("审批群");
        String chat = "requests-" + s;
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}").post("/api/groups/" + id + "/chats")
                .then().statusCode(200);
        String requests = "/api/groups/" + id + "/membership-requests";

        // M2 of another department asks to join; the reviewer is told of the eligibility concern (MB-8)
        given().auth().oauth2(token("M1")).contentType(ContentType.JSON)
                .body("{\"change\":\"ADD\",\"employeeId\":\"M2-" + s + "\",\"reason\":\"协作\"}").post(requests)
                .then().statusCode(404);
        String join = "{\"change\":\"ADD\",\"employeeId\":\"M2-" + s + "\",\"reason\":\"参与行政排班协作\"}";
        given().auth().oauth2(token("M2")).contentType(ContentType.JSON).body("{\"employeeId\":\"M2-" + s + "\"}")
                .post(requests).then().statusCode(422)
                .body("problems", hasItems("reason is required", "change is required: ADD or REMOVE"));
        int addition = given().auth().oauth2(token("M2")).contentType(ContentType.JSON).body(join).post(requests)
                .then().statusCode(201).body("status", is("PENDING"))
                .body("concerns[0]", containsString("MB-8")).extract().path("id");
        given().auth().oauth2(token("M2")).contentType(ContentType.JSON).body(join).post(requests).then()
                .statusCode(409);
        given().auth().oauth2(token("OWN")).get("/api/tasks").then().statusCode(200)
                .body("find { it.kind == 'DECIDE_MEMBERSHIP' && it.groupId == '" + id + "' }.detail",
                        containsString("参与行政排班协作"));
        given().auth().oauth2(token("M2")).contentType(ContentType.JSON).body("{\"approve\":true,\"reason\":\"我自己\"}")
                .post(requests + "/" + addition + "/decision").then().statusCode(404);
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON).body("{\"approve\":true}")
                .post(requests + "/" + addition + "/decision").then().statusCode(422);
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON)
                .body("{\"approve\":true,\"reason\":\"排班需要市场部配合\"}").post(requests + "/" + addition + "/decision")
                .then().statusCode(200).body("status", is("APPROVED")).body("decidedBy", is("OWN-" + s));
        given().auth().oauth2(token("M2")).get(requests).then().statusCode(200).body("id", is(List.of(addition)));

        // M1 adds M2 on the platform: approved, so neither uninvited (MB-1) nor ineligible (MB-8); the request is done
        joins(chat, user("M1"), hrDepartment + "-李四", user("OWN"));
        joins(chat, user("M2"), "市场部" + s + "-王五", user("M1"));

        // M3 asks to leave a group one may not leave (MB-6); the head approves; M3's leaving is then no breach, while
        // M1 walking out is
        joins(chat, user("M3"), hrDepartment + "-郑十", user("OWN"));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("OWN"))
                .get("/api/groups/" + id + "/members").then().statusCode(200)
                .body("platformUserId", hasItems("generic:" + user("M2"), "generic:" + user("M3"))));
        given().auth().oauth2(token("OWN")).get(requests).then().statusCode(200)
                .body("find { it.id == " + addition + " }.status", is("DONE"));
        int departure = given().auth().oauth2(token("M3")).contentType(ContentType.JSON)
                .body("{\"change\":\"REMOVE\",\"employeeId\":\"M3-" + s + "\",\"reason\":\"调岗后不再负责排班\"}")
                .post(requests).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("HEAD")).contentType(ContentType.JSON)
                .body("{\"approve\":true,\"reason\":\"同意退出\"}").post(requests + "/" + departure + "/decision")
                .then().statusCode(200).body("status", is("APPROVED"));
        webhook("member_left", chat, ",\"member\":{\"id\":\"" + user("M3") + "\"}");
        webhook("member_left", chat, ",\"member\":{\"id\":\"" + user("M1") + "\"}");

        List<PolicyBreachFound> breaches = breachesOf(id, 1);
        assertEquals(List.of("MB-6"), breaches.stream().map(PolicyBreachFound::ruleId).toList(), breaches.toString());
        assertEquals(user("M1"), breaches.getFirst().offenderId());
        given().auth().oauth2(token("HEAD")).get(requests).then().statusCode(200)
                .body("find { it.id == " + departure + " }.status", is("DONE"));
        given().auth().oauth2(token("OWN")).get("/api/groups/" + id + "/tasks").then().statusCode(200)
                .body("findAll { it.ruleId == 'MB-2' && it.status == 'OPEN' }", empty());
        given().auth().oauth2(DirectoryIT.hr()).get("/api/audit-log?objectType=group&objectId=" + id).then()
                .statusCode(200).body("action", hasItems("group.membership-request", "group.membership-approve"));
    }

    @Test
    void mb2AMemberWhoDoesNotRunTheGroupLearnsNothingOfThePeopleTheyName() {
        String id = approvedDepartmentGroup("协作审批群");
        String chat = "asks-" + s;
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}").post("/api/groups/" + id + "/chats")
                .then().statusCode(200);
        joins(chat, user("M1"), hrDepartment + "-李四", user("OWN"));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("OWN"))
                .get("/api/groups/" + id + "/members").then().statusCode(200)
                .body("platformUserId", hasItem("generic:" + user("M1"))));
        String requests = "/api/groups/" + id + "/membership-requests";

        // M2 of another department is a concern for the reviewer (MB-8), which names them: M1 is not told it
        String filed = given().auth().oauth2(token("M1")).contentType(ContentType.JSON)
                .body("{\"change\":\"ADD\",\"employeeId\":\"M2-" + s + "\",\"reason\":\"市场部协作\"}")
                .post(requests).then().statusCode(201).body("concerns", empty()).extract().asString();
        assertFalse(filed.contains("王五"), filed);
        given().auth().oauth2(token("M1")).get(requests).then().statusCode(200).body("[0].concerns", empty());
        given().auth().oauth2(token("OWN")).get(requests).then().statusCode(200)
                .body("[0].concerns[0]", containsString("MB-8"));
        // refusals name nobody either
        String refused = given().auth().oauth2(token("M1")).contentType(ContentType.JSON)
                .body("{\"change\":\"REMOVE\",\"employeeId\":\"M3-" + s + "\",\"reason\":\"不在群\"}")
                .post(requests).then().statusCode(409).extract().asString();
        assertFalse(refused.contains("郑十"), refused);
    }

    @Test
    void gl7AGroupOverridesWhatItsTypeLetsGoThroughTheHeadOfItsDepartmentAndLivesByIt() {
        String id = approvedDepartmentGroup("夜班群");
        String lateQuietHours = """
                {"overrides": {"moderation": {
                   "contentActions": {"secrets": "LADDER", "resident-id": "LADDER", "financials": "LADDER",
                                      "abuse": "LADDER", "gambling": "RECALL_REQUEST", "ads": "LADDER",
                                      "porn": "REMOVAL"},
                   "flood": {"maxMessages": 20, "perSeconds": 60},
                   "sanctionsLadder": ["REMINDER", "WARNING", "RECALL_REQUEST", "MUTE", "REMOVAL", "WRITTEN_WARNING"],
                   "quietHours": {"from": "23:30", "to": "06:00", "zone": "Asia/Shanghai"},
                   "responseDeadlineMinutes": 30,
                   "acknowledgement": {"keywords": ["收到"], "withinMinutes": 60}}},
                 "reason": "夜班排班，静默时段后移"}""";
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON).body(lateQuietHours)
                .put("/api/groups/" + id + "/policy").then().statusCode(403);
        given().auth().oauth2(token("HEAD")).contentType(ContentType.JSON)
                .body("{\"overrides\": {\"leavingAllowed\": true}, \"reason\": \"自愿\"}")
                .put("/api/groups/" + id + "/policy").then().statusCode(422)
                .body("problems[0]", containsString("leavingAllowed may not be overridden"));
        given().auth().oauth2(token("HEAD")).contentType(ContentType.JSON)
                .body(lateQuietHours.replace("夜班排班，静默时段后移", " "))
                .put("/api/groups/" + id + "/policy").then().statusCode(422);

        given().auth().oauth2(token("HEAD")).contentType(ContentType.JSON).body(lateQuietHours)
                .put("/api/groups/" + id + "/policy").then().statusCode(200)
                .body("overrides.keySet()", hasItem("moderation"))
                .body("effective.moderation.quietHours.from", is("23:30:00"))
                .body("effective.leavingAllowed", is(false));
        given().auth().oauth2(token("OWN")).get("/api/groups/" + id + "/policy").then().statusCode(200)
                .body("overridable", hasItem("moderation"))
                .body("effective.moderation.acknowledgement.keywords", is(List.of("收到")));
        probe.eventsThrough(Topics.GROUP_STATE, event -> event.data() instanceof GroupSnapshot state
                && state.groupId().equals(id)
                && state.policy().path("moderation").path("quietHours").path("from").asText().equals("23:30:00"), WAIT);
        given().auth().oauth2(DirectoryIT.hr()).get("/api/audit-log?objectType=group&objectId=" + id).then()
                .statusCode(200).body("action", hasItem("group.policy-overrides"))
                .body("find { it.action == 'group.policy-overrides' }.reason", is("夜班排班，静默时段后移"));

        given().auth().oauth2(DirectoryIT.hr()).contentType(ContentType.JSON)
                .body("{\"overrides\": {}, \"reason\": \"恢复类型默认\"}").put("/api/groups/" + id + "/policy").then()
                .statusCode(200).body("effective.moderation.quietHours.from", is("22:00:00"));
    }

    @Test
    void gl1AChatCreatedOnThePlatformIsAPendingRegistrationUntilItsRequestIsApproved() {
        String chat = "created-" + s;
        webhook("chat_created", chat, "周的新群", ",\"operator\":{\"id\":\"" + user("OWN") + "\"}");
        joins(chat, user("M2"), "王五", user("OWN"));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("OWN"))
                .get("/api/chats/unregistered").then().statusCode(200)
                .body("find { it.chat == 'generic:" + chat + "' }.members", is(1))
                .body("find { it.chat == 'generic:" + chat + "' }.registrantId", is("OWN-" + s)));
        GroupTaskOpened task = (GroupTaskOpened) groupEventsThrough(data -> data instanceof GroupTaskOpened t
                && t.groupId().equals("generic:" + chat)).getLast().data();
        assertEquals("REGISTER_CHAT", task.kind());
        assertEquals("OWN-" + s, task.assigneeId());
        given().auth().oauth2(token("M1")).get("/api/chats/unregistered").then().statusCode(200)
                .body("chat", not(hasItem("generic:" + chat)));

        String request = """
                {"typeId": "department", "name": "%s-排班群", "purpose": "排班与调休", "ownerId": "OWN-%s"}"""
                .formatted(hrDepartment, s);
        given().auth().oauth2(token("M1")).contentType(ContentType.JSON).body(request)
                .post("/api/chats/generic:" + chat + "/registration").then().statusCode(404);
        String id = given().auth().oauth2(token("OWN")).contentType(ContentType.JSON).body(request)
                .post("/api/chats/generic:" + chat + "/registration").then().statusCode(201)
                .body("status", is("REQUESTED")).extract().path("id");
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON).body(request)
                .post("/api/chats/generic:" + chat + "/registration").then().statusCode(409);
        given().auth().oauth2(token("HEAD")).contentType(ContentType.JSON)
                .body("{\"approve\":true,\"reason\":\"同意\"}").post("/api/groups/" + id + "/decision").then()
                .statusCode(200).body("status", is("ACTIVE")).body("chats", hasItem("generic:" + chat));
        // the member who was in the chat before it was registered is checked on activation (MB-8, MB-3)
        assertEquals(List.of("MB-3", "MB-8"), breachesOf(id, 2).stream().map(PolicyBreachFound::ruleId).sorted()
                .toList());
        given().auth().oauth2(token("OWN")).get("/api/chats/unregistered").then().statusCode(200)
                .body("chat", not(hasItem("generic:" + chat)));
    }

    @Test
    void gl1AChatAlreadySeenIsBoundByOneOfItsMembersButNotByAnotherGroupsOwner() {
        String id = approvedDepartmentGroup("协作群");
        String chat = "seen-" + s;
        joins(chat, user("M2"), hrDepartment + "-王五", null);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(DirectoryIT.hr())
                .get("/api/chats/unregistered").then().statusCode(200)
                .body("find { it.chat == 'generic:" + chat + "' }.members", is(1)));
        String bind = "{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}";
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON).body(bind)
                .post("/api/groups/" + id + "/chats").then().statusCode(403);

        joins(chat, user("OWN"), hrDepartment + "-周七", user("M2"));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(DirectoryIT.hr())
                .get("/api/chats/unregistered").then().statusCode(200)
                .body("find { it.chat == 'generic:" + chat + "' }.members", is(2)));
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON).body(bind)
                .post("/api/groups/" + id + "/chats").then().statusCode(200).body("status", is("ACTIVE"))
                .body("chats", hasItem("generic:" + chat));
    }

    @Test
    void aJoinReportedLateNeverBringsBackSomeoneWhoLeftNorALateDepartureRemovesSomeoneWhoCameBack() {
        String id = approvedDepartmentGroup("轮岗群");
        String chat = "rota-" + s;
        given().auth().oauth2(DirectoryIT.hr()).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}").post("/api/groups/" + id + "/chats")
                .then().statusCode(200);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String m1 = ",\"member\":{\"id\":\"" + user("M1") + "\",\"name\":\"" + hrDepartment + "-李四\"}";
        webhookAt("member_joined", chat, null, now.minusMinutes(10), m1);
        webhookAt("member_left", chat, null, now.minusMinutes(5), m1);
        // the platform delivers the join of ten minutes ago once more, as a new event, after the departure
        webhookAt("member_joined", chat, null, now.minusMinutes(10), m1);
        assertFalse(membersOnceApplied(id, chat, "u-marker1-" + s, now.minusMinutes(4))
                .contains("generic:" + user("M1")));

        // back two minutes ago; a departure of seven minutes ago, from the earlier stay, arrives late
        webhookAt("member_joined", chat, null, now.minusMinutes(2), m1);
        webhookAt("member_left", chat, null, now.minusMinutes(7), m1);
        assertTrue(membersOnceApplied(id, chat, "u-marker2-" + s, now.minusMinutes(1))
                .contains("generic:" + user("M1")));
    }

    /**
     * The group's members once everything posted about {@code chat} so far is applied: a marker joins last, and
     * events of one chat are applied in order.
     */
    private List<String> membersOnceApplied(String groupId, String chat, String marker, OffsetDateTime at) {
        webhookAt("member_joined", chat, null, at, ",\"member\":{\"id\":\"" + marker + "\"}");
        return Awaitility.await().atMost(WAIT).until(() -> given().auth().oauth2(token("OWN"))
                .get("/api/groups/" + groupId + "/members").then().statusCode(200).extract().jsonPath()
                .<String>getList("platformUserId"), members -> members.contains("generic:" + marker));
    }

    @Test
    void mb5Mb6Gl4Gl8WhatHappensOnThePlatformAndInTheDirectoryReachesTheGroup() {
        String id = approvedDepartmentGroup("值班群");
        String chat = "duty-" + s;
        joins(chat, user("M1"), hrDepartment + "-李四", null);
        joins(chat, user("M3"), hrDepartment + "-郑十", null);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(DirectoryIT.hr())
                .get("/api/chats/unregistered").then().statusCode(200)
                .body("find { it.chat == 'generic:" + chat + "' }.members", is(2)));
        // the group's head is in neither the chat nor its registration: binding would show them its roster
        given().auth().oauth2(token("HEAD")).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}").post("/api/groups/" + id + "/chats")
                .then().statusCode(403).body("error", containsString("HR, its registrant or one of its members"));
        given().auth().oauth2(DirectoryIT.hr()).get("/api/groups/" + id + "/members").then().statusCode(200)
                .body("platformUserId", not(hasItem("generic:" + user("M1"))));
        given().auth().oauth2(DirectoryIT.hr()).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}").post("/api/groups/" + id + "/chats")
                .then().statusCode(200).body("status", is("ACTIVE"));
        String other = approvedDepartmentGroup("其他群");
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}").post("/api/groups/" + other + "/chats")
                .then().statusCode(409).body("error", containsString("belongs to group " + id));

        // MB-6: leaving a department group on one's own is a violation; being removed is not
        webhook("member_left", chat, ",\"member\":{\"id\":\"" + user("M1") + "\"}");
        webhook("member_left", chat, ",\"member\":{\"id\":\"" + user("M3") + "\"},\"operator\":{\"id\":\""
                + user("OWN") + "\"}");
        List<PolicyBreachFound> left = breachesOf(id, 1);
        assertEquals(List.of("MB-6"), left.stream().map(PolicyBreachFound::ruleId).toList());
        assertEquals(user("M1"), left.getFirst().offenderId());

        // GL-4: a rename on the platform to a name without the department prefix is found and shown as a problem
        webhook("member_joined", chat, ",\"member\":{\"id\":\"" + user("M3") + "\",\"name\":\"" + hrDepartment
                + "-郑十\"},\"operator\":{\"id\":\"" + user("OWN") + "\"}");
        // the generic bridge format has no rename; WeCom, Feishu, DingTalk and OneBot report one as this event
        probe.publish(EventEnvelope.fresh("/test", new ChatRenamed("generic:" + chat, Platform.GENERIC,
                chat, "值班", user("M3"), OffsetDateTime.now(ZoneOffset.UTC))));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("OWN"))
                .get("/api/groups/" + id).then().statusCode(200).body("name", is("值班"))
                .body("problems[0]", containsString("GL-4")));
        assertTrue(breachesOf(id, 2).stream().anyMatch(b -> b.ruleId().equals("GL-4")
                && user("M3").equals(b.offenderId())));

        // MB-5: a member transferred to another department is to be removed from the department's group
        DirectoryIT.importJson(directoryJson(true).replace(
                "{\"id\": \"M3-" + s + "\", \"realName\": \"郑十\", \"departmentId\": \"HR-" + s + "\"",
                "{\"id\": \"M3-" + s + "\", \"realName\": \"郑十\", \"departmentId\": \"MKT-" + s + "\""));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("OWN"))
                .get("/api/groups/" + id + "/tasks").then().statusCode(200)
                .body("find { it.ruleId == 'MB-5' }.detail", containsString("transferred to another department")));

        // GL-8: the chat dismissed on the platform dissolves a group that has no other chat
        webhook("chat_dismissed", chat, ",\"operator\":{\"id\":\"" + user("OWN") + "\"}");
        GroupDissolved dissolved = (GroupDissolved) groupEventsThrough(data -> data instanceof GroupDissolved d
                && d.groupId().equals(id)).getLast().data();
        assertEquals("qunguan", dissolved.dissolvedBy());
        assertTrue(dissolved.reason().contains("dismissed"), dissolved.reason());
    }

    @Test
    void gl9AGroupPastItsEndDateIsReviewedAndDissolvedWhenTheReviewGoesUnanswered() {
        String id = given().auth().oauth2(token("HEAD")).contentType(ContentType.JSON).body("""
                        {"typeId": "department", "name": "%s-年会筹备组", "purpose": "年会筹备", "ownerId": "OWN-%s",
                         "endsOn": "%s"}""".formatted(hrDepartment, s,
                        OffsetDateTime.now(ZoneOffset.ofHours(8)).toLocalDate()))
                .post("/api/groups").then().statusCode(201).body("status", is("APPROVED")).extract().path("id");
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"party-" + s + "\"}")
                .post("/api/groups/" + id + "/chats").then().statusCode(200);

        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(31);
        GroupReviews.Pass first = reviews.review(later);
        assertTrue(first.reviewsOpened() >= 1, first.toString());
        given().auth().oauth2(token("OWN")).get("/api/groups/" + id + "/tasks").then().statusCode(200)
                .body("find { it.kind == 'REVIEW' }.detail", containsString("past its end date"))
                .body("find { it.kind == 'REVIEW' }.detail", containsString("GL-6: no announcement"))
                .body("find { it.kind == 'REVIEW' }.assigneeId", is("OWN-" + s));
        given().auth().oauth2(token("OWN")).get("/api/groups/" + id).then().statusCode(200)
                .body("problems", empty()).body("status", is("ACTIVE"));

        GroupReviews.Pass second = reviews.review(later.plusDays(31));
        assertTrue(second.dissolved() >= 1, second.toString());
        given().auth().oauth2(token("OWN")).get("/api/groups/" + id).then().statusCode(200)
                .body("status", is("DISSOLVED")).body("dissolutionReason", containsString("went unanswered"));
    }

    @Test
    void gl9Mb7TheReviewHoldsNoGroupsLockWhileItReadsTheWholeStaff() throws Exception {
        String id = approvedDepartmentGroup("复盘群");
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"review-" + s + "\"}")
                .post("/api/groups/" + id + "/chats").then().statusCode(200);

        // the directory locked by another session: the pass stops at its first read of the staff (MB-7)
        GroupReviews.Pass pass;
        try (OpenTransaction directoryImport = OpenTransaction.run(dataSource,
                "LOCK TABLE employee IN ACCESS EXCLUSIVE MODE")) {
            CompletableFuture<GroupReviews.Pass> review = CompletableFuture.supplyAsync(() ->
                    reviews.review(OffsetDateTime.now(ZoneOffset.UTC).plusDays(31)));
            directoryImport.awaitBlocked(WAIT);
            // meanwhile a membership change of the group (a webhook, an owner's request) takes its row at once
            try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
                other.setAutoCommit(false);
                statement.execute("SELECT id FROM work_group WHERE id = '" + id + "' FOR UPDATE NOWAIT");
                other.rollback();
            }
            directoryImport.close();
            pass = review.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertTrue(pass.reviewsOpened() >= 1, pass.toString());
        given().auth().oauth2(token("OWN")).get("/api/groups/" + id + "/tasks").then().statusCode(200)
                .body("find { it.kind == 'REVIEW' }.assigneeId", is("OWN-" + s));
    }

    @Test
    void rolesAndBadInputAreRefusedClearly() {
        String id = approvedDepartmentGroup("安全群");
        given().contentType(ContentType.JSON).body("{\"reason\":\"x\"}").post("/api/groups/" + id + "/dissolution")
                .then().statusCode(401);
        given().auth().oauth2(DirectoryIT.TOKENS.issue("auditor", "a-" + s, null)).contentType(ContentType.JSON)
                .body("{\"reason\":\"x\"}").post("/api/groups/" + id + "/dissolution").then().statusCode(403);
        given().auth().oauth2(DirectoryIT.TOKENS.issue("dept-head", "other-" + s, "MKT-" + s))
                .get("/api/groups/" + id + "/members").then().statusCode(404);
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                .post("/api/groups/" + id + "/pins").then().statusCode(409).body("error", containsString("APPROVED"));
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON)
                .body("{\"ownerId\":\"NOBODY\",\"reason\":\"交接\"}").put("/api/groups/" + id + "/stewards").then()
                .statusCode(422).body("problems", hasItem("NOBODY is not an active employee"));
        given().auth().oauth2(token("OWN")).contentType(ContentType.JSON)
                .body("{\"admins\":[\"M1-" + s + "\"],\"successorId\":\"M3-" + s + "\",\"reason\":\"协助管理\"}")
                .put("/api/groups/" + id + "/stewards").then().statusCode(200)
                .body("admins", hasItem("M1-" + s)).body("successorId", is("M3-" + s));
        // an admin manages the group but does not hand the ownership over
        given().auth().oauth2(token("M1")).contentType(ContentType.JSON)
                .body("{\"ownerId\":\"M1-" + s + "\",\"reason\":\"接手\"}").put("/api/groups/" + id + "/stewards")
                .then().statusCode(403);
        given().auth().oauth2(token("M1")).get("/api/tasks?everyone=true").then().statusCode(403);
        given().auth().oauth2(token("M1")).contentType(ContentType.JSON).body("{\"done\":true}")
                .post("/api/tasks/999999999/resolution").then().statusCode(404);

        // a malformed im.members record goes to its dead-letter topic with the reason
        probe.publishRaw(Topics.IM_MEMBERS, "generic:bad-" + s, "{\"not an event".getBytes(StandardCharsets.UTF_8));
        assertTrue(probe.readUntil(Topics.deadLetter("group-service", "memberships"), records -> records.stream()
                        .anyMatch(record -> ("generic:bad-" + s).equals(record.key())), WAIT).stream()
                .anyMatch(record -> ("generic:bad-" + s).equals(record.key())
                        && KafkaProbe.header(record, "dead-letter-reason") != null));
    }
}
