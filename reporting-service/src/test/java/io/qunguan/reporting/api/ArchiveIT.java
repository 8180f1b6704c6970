package io.qunguan.reporting.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.MessageRecalled;
import io.qunguan.events.PersonnelChanged;
import io.qunguan.events.Platform;
import io.qunguan.reporting.domain.archive.Retention;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The message archive (IS-1, IS-2) and supervision (SV-5) on a real broker and database: every message of
 * {@code im.messages} kept once with its full text; auditors search it by group, person, period and Chinese text;
 * every search and read is in the access log, which refuses edits; the purge deletes a non-work group's messages
 * after its retention and keeps a work group's, and a legal hold stops it; a supervision team member reads a person's
 * records only through a request an auditor approved, for its period, while the grant lasts.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class ArchiveIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

    @Inject
    Retention retention;

    @Inject
    DataSource dataSource;

    /** What one test run publishes: a work group, a social group, three people. */
    private record Scenario(String s, String workGroup, String workChat, String socialGroup, String socialChat,
            String zhang, String li, String wang) {

        static Scenario fresh() {
            String s = UUID.randomUUID().toString().substring(0, 8);
            return new Scenario(s, "G-work-" + s, "chat-work-" + s, "G-social-" + s, "chat-social-" + s,
                    "E-zhang-" + s, "E-li-" + s, "E-wang-" + s);
        }

        String account(String employee) {
            return "u-" + employee;
        }
    }

    private static GroupSnapshot group(String groupId, String name, String typeId, String chat, String policy) {
        try {
            return new GroupSnapshot(groupId, name, typeId, "ACTIVE", "D-ops", null, "E-owner", List.of(),
                    List.of("generic:" + chat), 1, EventJson.MAPPER.readTree(policy), List.of(), List.of(), NOW, 1,
                    null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static EmployeeChanged person(String employee, String name, String account) {
        return new EmployeeChanged(employee, PersonnelChanged.Change.HIRED, name, "D-ops", null, "工程师", "P5", null,
                false, true, Map.of("generic", account), null, null, NOW.minusDays(100));
    }

    private static EventEnvelope<MessagePosted> message(String group, String chat, String sender, String text,
            OffsetDateTime sentAt) {
        MessagePosted posted = new MessagePosted(group, Platform.GENERIC, chat, "chat", "m-" + UUID.randomUUID(),
                sender, sender, MessageKind.TEXT, text, List.of(), sentAt);
        return EventEnvelope.of(UUID.randomUUID(), "/group-service", sentAt, posted);
    }

    /** Publishes the scenario: groups and people first, then seven messages (one twice) and a recall. */
    private static List<EventEnvelope<MessagePosted>> publish(Scenario sc) {
        List<EventEnvelope<MessagePosted>> messages = List.of(
                message(sc.workGroup(), sc.workChat(), sc.account(sc.zhang()),
                        "请把客户名单发给我，今天下班前", NOW.minusDays(3)),
                message(sc.workGroup(), sc.workChat(), sc.account(sc.li()),
                        "名单上的客户我都打过电话了", NOW.minusDays(2)),
                message(sc.workGroup(), sc.workChat(), sc.account(sc.zhang()),
                        "VIP客户的Excel表在共享盘", NOW.minusDays(1)),
                message(sc.workGroup(), sc.workChat(), sc.account(sc.wang()),
                        "收到", NOW.minusHours(20)),
                message(sc.socialGroup(), sc.socialChat(), sc.account(sc.li()),
                        "周末一起去爬山吗", NOW.minusDays(5)),
                message(sc.socialGroup(), sc.socialChat(), sc.account(sc.wang()),
                        "好啊，客户名单的事周一再说", NOW.minusDays(4)),
                message(sc.socialGroup(), sc.socialChat(), sc.account(sc.zhang()),
                        "生日快乐", NOW.minusDays(2)));
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/group-service", group(sc.workGroup(), "运营部-客户群", "department",
                    sc.workChat(), "{\"records\": {\"retentionDays\": 1095}}")));
            probe.publish(EventEnvelope.fresh("/group-service", group(sc.socialGroup(), "兴趣-爬山", "social",
                    sc.socialChat(), "{}")));
            for (String employee : List.of(sc.zhang(), sc.li(), sc.wang())) {
                probe.publish(EventEnvelope.fresh("/group-service", person(employee, employee, sc.account(employee))));
            }
            for (EventEnvelope<MessagePosted> message : messages) {
                probe.publish(message);
            }
            probe.publish(messages.get(0));
            MessagePosted recalled = messages.get(2).data();
            probe.publish(EventEnvelope.fresh("/group-service", new MessageRecalled(sc.workGroup(), Platform.GENERIC,
                    sc.workChat(), recalled.messageId(), recalled.senderId(), NOW.minusHours(23))));
        }
        return messages;
    }

    private static String auditor(Scenario sc) {
        return TOKENS.issue("auditor", "A-audit-" + sc.s(), null);
    }

    private void awaitArchived(Scenario sc, String auditor, int expected) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            int work = given().auth().oauth2(auditor).queryParam("groupId", sc.workGroup()).get("/api/archive/messages")
                    .then().statusCode(200).extract().path("items.size()");
            int social = given().auth().oauth2(auditor).queryParam("groupId", sc.socialGroup())
                    .get("/api/archive/messages").then().statusCode(200).extract().path("items.size()");
            assertEquals(expected, work + social);
            // the replicas the purge and person searches read are in place too
            assertEquals(30, retention.daysFor("generic:" + sc.socialChat()));
            for (String employee : List.of(sc.zhang(), sc.li(), sc.wang())) {
                given().auth().oauth2(auditor).queryParam("employeeId", employee).get("/api/archive/messages").then()
                        .statusCode(200).body("items", not(hasSize(0)));
            }
        });
    }

    @Test
    void is2AuditorsSearchTheFullTextByGroupPersonPeriodAndChinesePhraseAndEveryReadIsLogged() {
        Scenario sc = Scenario.fresh();
        List<EventEnvelope<MessagePosted>> messages = publish(sc);
        String auditor = auditor(sc);
        awaitArchived(sc, auditor, 7);
        // the recall is on record, and the message's text with it
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(auditor)
                .queryParam("groupId", sc.workGroup()).queryParam("q", "excel").get("/api/archive/messages").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].recalledAt", notNullValue()));

        // a phrase: its characters in order, not merely all of them somewhere
        given().auth().oauth2(auditor).queryParam("groupId", sc.workGroup()).queryParam("q", "客户名单")
                .get("/api/archive/messages").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].text", equalTo("请把客户名单发给我，今天下班前"))
                .body("items[0].senderEmployeeId", equalTo(sc.zhang()))
                .body("items[0].eventId", equalTo(messages.get(0).id().toString()));
        // across groups, newest first; full-width and case folded
        List<String> groups = given().auth().oauth2(auditor).queryParam("q", "客户名单")
                .queryParam("from", NOW.minusDays(6).toString()).get("/api/archive/messages").then().statusCode(200)
                .extract().path("items.groupId");
        assertEquals(List.of(sc.workGroup(), sc.socialGroup()), groups.stream()
                .filter(group -> group.endsWith(sc.s())).toList());
        given().auth().oauth2(auditor).queryParam("groupId", sc.workGroup()).queryParam("q", "ＶＩＰ 共享")
                .get("/api/archive/messages").then().statusCode(200).body("items", hasSize(1));
        // a person, in every group, within a period
        given().auth().oauth2(auditor).queryParam("employeeId", sc.zhang())
                .queryParam("from", NOW.minusDays(2).minusHours(1).toString()).get("/api/archive/messages").then()
                .statusCode(200).body("items.text", equalTo(List.of("VIP客户的Excel表在共享盘", "生日快乐")));
        // paging: two pages of two and one of one, no message twice
        String first = given().auth().oauth2(auditor).queryParam("groupId", sc.workGroup()).queryParam("limit", 2)
                .get("/api/archive/messages").then().statusCode(200).body("items", hasSize(2))
                .body("items[0].text", equalTo("收到")).extract().path("next");
        String second = given().auth().oauth2(auditor).queryParam("groupId", sc.workGroup()).queryParam("limit", 2)
                .queryParam("cursor", first).get("/api/archive/messages").then().statusCode(200)
                .body("items.text", equalTo(List.of("名单上的客户我都打过电话了", "请把客户名单发给我，今天下班前")))
                .extract().path("next");
        assertEquals(null, second);
        // one message, read
        given().auth().oauth2(auditor).get("/api/archive/messages/" + messages.get(1).id()).then().statusCode(200)
                .body("text", equalTo("名单上的客户我都打过电话了")).body("senderEmployeeId", equalTo(sc.li()));
        given().auth().oauth2(auditor).get("/api/archive/messages/" + UUID.randomUUID()).then().statusCode(404);

        // everything the auditor did is in the access log, with what it returned
        given().auth().oauth2(auditor).queryParam("actor", "A-audit-" + sc.s()).get("/api/archive/access-log").then()
                .statusCode(200)
                .body("action", hasItem("READ")).body("action", hasItem("SEARCH"))
                .body("find { it.request.contains('text=客户名单') && it.request.contains('group=') }.subjects",
                        equalTo(List.of(messages.get(0).id().toString())))
                .body("find { it.action == 'READ' && it.returned == 1 }.subjects",
                        equalTo(List.of(messages.get(1).id().toString())));
        // nobody edits it, not even with the service's own database account
        SQLException refused = assertThrows(SQLException.class, () -> execute(
                "UPDATE archive_access SET actor = 'someone-else' WHERE actor = 'A-audit-" + sc.s() + "'"));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        assertThrows(SQLException.class, () -> execute("DELETE FROM archive_access WHERE actor = 'A-audit-"
                + sc.s() + "'"));

        // bad searches are refused with the reason; message text is for auditors alone
        given().auth().oauth2(auditor).queryParam("q", "钱").get("/api/archive/messages").then().statusCode(400)
                .body("error", containsString("one Chinese character"));
        given().auth().oauth2(auditor).get("/api/archive/messages").then().statusCode(400)
                .body("error", containsString("name a group"));
        given().auth().oauth2(auditor).queryParam("q", "客户").queryParam("cursor", "garbage")
                .get("/api/archive/messages").then().statusCode(400).body("error", containsString("cursor"));
        given().auth().oauth2(auditor).queryParam("q", "客户").queryParam("limit", 500).get("/api/archive/messages")
                .then().statusCode(400);
        for (String role : List.of("hr", "dept-head", "employee", "operator", "supervisor")) {
            given().auth().oauth2(TOKENS.issue(role, "X-" + sc.s(), "D-ops")).queryParam("q", "客户")
                    .get("/api/archive/messages").then().statusCode(403);
        }
        given().queryParam("q", "客户").get("/api/archive/messages").then().statusCode(401);
    }

    @Test
    void is1TheSocialGroupsMessagesArePurgedAfterItsRetentionTheWorkGroupsKeptAndALegalHoldStopsThePurge() {
        Scenario sc = Scenario.fresh();
        publish(sc);
        String auditor = auditor(sc);
        awaitArchived(sc, auditor, 7);
        // 王五 is under a legal hold
        String hold = given().auth().oauth2(auditor).contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "PERSON", "subjectId", sc.wang(), "reason", "劳动争议，法务要求保全"))
                .post("/api/archive/holds").then().statusCode(201).body("releasedAt", nullValue())
                .extract().path("id");

        // 31 days on, the social group's month has passed for its three messages; the work group keeps its years
        Retention.Purged purged = retention.purge(NOW.plusDays(31));
        assertTrue(purged.deleted() >= 2, "purged " + purged);
        given().auth().oauth2(auditor).queryParam("groupId", sc.socialGroup()).get("/api/archive/messages").then()
                .statusCode(200).body("items.senderEmployeeId", equalTo(List.of(sc.wang())));
        given().auth().oauth2(auditor).queryParam("groupId", sc.workGroup()).get("/api/archive/messages").then()
                .statusCode(200).body("items", hasSize(4));
        given().auth().oauth2(auditor).queryParam("actor", "reporting-service").get("/api/archive/access-log").then()
                .statusCode(200).body("find { it.action == 'PURGE' && it.subjects.contains('generic:"
                        + sc.socialChat() + "') }", notNullValue())
                .body("subjects.flatten()", not(hasItem("generic:" + sc.workChat())));

        // released, the hold no longer keeps 王五's message; releasing twice changes nothing
        given().auth().oauth2(auditor).contentType(ContentType.JSON).body(Map.of("reason", "争议已结案"))
                .post("/api/archive/holds/" + hold + "/release").then().statusCode(200)
                .body("releasedBy", equalTo("A-audit-" + sc.s()));
        given().auth().oauth2(auditor).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/archive/holds/" + hold + "/release").then().statusCode(200)
                .body("releaseReason", equalTo("争议已结案"));
        retention.purge(NOW.plusDays(31));
        given().auth().oauth2(auditor).queryParam("groupId", sc.socialGroup()).get("/api/archive/messages").then()
                .statusCode(200).body("items", hasSize(0));
        // four years on the work group's messages go too
        retention.purge(NOW.plusDays(4 * 365));
        given().auth().oauth2(auditor).queryParam("groupId", sc.workGroup()).get("/api/archive/messages").then()
                .statusCode(200).body("items", hasSize(0));

        // a message whose retention has passed, replayed from the topic, is not archived again
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(message(sc.socialGroup(), sc.socialChat(), sc.account(sc.li()), "四十天前的旧消息",
                    NOW.minusDays(40)));
            probe.publish(message(sc.socialGroup(), sc.socialChat(), sc.account(sc.li()), "今天的新消息", NOW));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(auditor)
                .queryParam("groupId", sc.socialGroup()).queryParam("from", NOW.minusDays(60).toString())
                .get("/api/archive/messages").then().statusCode(200)
                .body("items.text", equalTo(List.of("今天的新消息"))));

        given().auth().oauth2(auditor).contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "DEVICE", "subjectId", "x", "reason", "r")).post("/api/archive/holds")
                .then().statusCode(400);
        given().auth().oauth2(auditor).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/archive/holds/" + UUID.randomUUID() + "/release").then().statusCode(404);
        given().auth().oauth2(TOKENS.issue("hr", "hr-" + sc.s(), null)).get("/api/archive/holds").then()
                .statusCode(403);
    }

    @Test
    void sv5ASupervisorReadsAPersonsRecordsOnlyThroughAnApprovedRequestForItsPeriodWhileItLasts() throws SQLException {
        Scenario sc = Scenario.fresh();
        publish(sc);
        String auditor = auditor(sc);
        awaitArchived(sc, auditor, 7);
        String supervisor = TOKENS.issue("supervisor", "S-sup-" + sc.s(), null);
        Map<String, String> asked = Map.of("subjectKind", "PERSON", "subjectId", sc.li(),
                "from", NOW.minusDays(3).toString(), "to", NOW.toString(), "reason", "季度督查：客户信息处理");
        String id = given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(asked)
                .post("/api/supervision/requests").then().statusCode(201).body("status", equalTo("REQUESTED"))
                .extract().path("id");
        // nothing to read before an auditor approves
        given().auth().oauth2(supervisor).get("/api/supervision/requests/" + id + "/messages").then().statusCode(409)
                .body("error", containsString("REQUESTED"));
        // the requester cannot approve it, even as an auditor; an approval names its hours and reason
        given().auth().oauth2(TOKENS.issue("auditor", "S-sup-" + sc.s(), null)).contentType(ContentType.JSON)
                .body(Map.of("approve", true, "reason", "ok", "hours", 2))
                .post("/api/supervision/requests/" + id + "/decision").then().statusCode(403);
        given().auth().oauth2(auditor).contentType(ContentType.JSON)
                .body(Map.of("approve", true, "reason", "ok", "hours", 1000))
                .post("/api/supervision/requests/" + id + "/decision").then().statusCode(400)
                .body("error", containsString("hours"));
        given().auth().oauth2(auditor).contentType(ContentType.JSON)
                .body(Map.of("approve", true, "reason", "督查计划内，限两小时", "hours", 2))
                .post("/api/supervision/requests/" + id + "/decision").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("accessUntil", notNullValue());
        given().auth().oauth2(auditor).contentType(ContentType.JSON)
                .body(Map.of("approve", false, "reason", "again"))
                .post("/api/supervision/requests/" + id + "/decision").then().statusCode(409);

        // the grant covers 李四 in its period: the work group message of two days ago, not the social one of five
        given().auth().oauth2(supervisor).get("/api/supervision/requests/" + id + "/messages").then()
                .statusCode(200).body("items.text", equalTo(List.of("名单上的客户我都打过电话了")))
                .body("items.senderEmployeeId", everyItem(equalTo(sc.li())));
        given().auth().oauth2(supervisor).queryParam("q", "爬山").get("/api/supervision/requests/" + id
                + "/messages").then().statusCode(200).body("items", hasSize(0));
        // another supervisor sees neither the request nor its records
        String other = TOKENS.issue("supervisor", "S-other-" + sc.s(), null);
        given().auth().oauth2(other).get("/api/supervision/requests/" + id).then().statusCode(404);
        given().auth().oauth2(other).get("/api/supervision/requests/" + id + "/messages").then().statusCode(404);
        given().auth().oauth2(other).get("/api/supervision/requests").then().statusCode(200)
                .body("id", not(hasItem(id)));
        // each read is logged with the request's reason and id
        given().auth().oauth2(auditor).queryParam("actor", "S-sup-" + sc.s()).get("/api/archive/access-log").then()
                .statusCode(200).body("findAll { it.action == 'SEARCH' }.grantId", everyItem(equalTo(id)))
                .body("findAll { it.action == 'SEARCH' }.reason", everyItem(equalTo("季度督查：客户信息处理")))
                .body("findAll { it.action == 'SEARCH' }", hasSize(2)).body("action", hasItem("REQUEST"));
        given().auth().oauth2(auditor).queryParam("actor", "A-audit-" + sc.s()).get("/api/archive/access-log").then()
                .statusCode(200).body("find { it.action == 'GRANT' }.grantId", equalTo(id));

        // once the grant has lapsed, nothing more is read
        execute("UPDATE supervision_request SET access_until = now() - interval '1 minute' WHERE id = '" + id + "'");
        given().auth().oauth2(supervisor).get("/api/supervision/requests/" + id + "/messages").then().statusCode(409)
                .body("error", containsString("access until"));

        // requests that cannot be made
        given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "PERSON", "subjectId", sc.li(), "from", NOW.toString(),
                        "to", NOW.minusDays(1).toString(), "reason", "季度督查：客户信息处理"))
                .post("/api/supervision/requests").then().statusCode(400).body("error", containsString("before"));
        given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "PERSON", "subjectId", sc.li(), "from", NOW.minusDays(400).toString(),
                        "to", NOW.toString(), "reason", "季度督查：客户信息处理"))
                .post("/api/supervision/requests").then().statusCode(400).body("error", containsString("366"));
        given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "PERSON", "subjectId", "S-sup-" + sc.s(), "from",
                        NOW.minusDays(1).toString(), "to", NOW.toString(), "reason", "看看我自己的记录"))
                .post("/api/supervision/requests").then().statusCode(403);
        given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "GROUP", "subjectId", sc.workGroup(), "from",
                        NOW.minusDays(1).toString(), "to", NOW.toString(), "reason", "x"))
                .post("/api/supervision/requests").then().statusCode(400).body("error", containsString("reason"));
        given().auth().oauth2(auditor).contentType(ContentType.JSON).body(asked).post("/api/supervision/requests")
                .then().statusCode(403);
    }

    @Test
    void is2ALoneCharacterBesideAWordAndAWordAfterAPairAreFoundAndAnEndlessWordDoesNotKeepAMessageOut() {
        Scenario sc = Scenario.fresh();
        String chat = "chat-mixed-" + sc.s();
        String group = "generic:" + chat;
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(message(group, chat, "u-x", "请加V领红包", NOW.minusHours(3)));
            probe.publish(message(group, chat, "u-x", "我的QQ号码是多少", NOW.minusHours(2)));
            probe.publish(message(group, chat, "u-x", "违规 " + "я".repeat(3_000), NOW.minusHours(1)));
        }
        String auditor = auditor(sc);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(auditor)
                .queryParam("groupId", group).get("/api/archive/messages").then().statusCode(200)
                .body("items", hasSize(3)));
        for (Map.Entry<String, String> search : Map.of("加V", "请加V领红包", "QQ号", "我的QQ号码是多少",
                "号码是", "我的QQ号码是多少", "违规", "违规 " + "я".repeat(3_000)).entrySet()) {
            given().auth().oauth2(auditor).queryParam("groupId", group).queryParam("q", search.getKey())
                    .get("/api/archive/messages").then().statusCode(200).body("items.text",
                            equalTo(List.of(search.getValue())));
        }
        given().auth().oauth2(auditor).queryParam("groupId", group).queryParam("q", "加红包")
                .get("/api/archive/messages").then().statusCode(200).body("items", hasSize(0));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
