package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.EventPayload;
import io.qunguan.events.Language;
import io.qunguan.events.PersonnelChanged;
import io.qunguan.events.PersonnelChanged.Change;
import io.qunguan.events.ProjectChanged;
import io.qunguan.events.Topics;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The directory names and memberships are checked against (GL-4, MB-3, MB-4, MB-5, MB-8): bulk import over JSON
 * and CSV validated row by row, idempotent re-import, the HR feed, events on directory.events, scoped reads.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class DirectoryIT extends KafkaProbing {

    static final Tokens TOKENS = Tokens.forTests();

    static String hr() {
        return TOKENS.issue("hr", "hr-" + UUID.randomUUID(), null);
    }

    /** A suffix that keeps one test's departments, people and projects apart from the others'. */
    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static JsonPath importJson(String json) {
        return given().auth().oauth2(hr()).contentType(ContentType.JSON).body(json)
                .post("/api/directory/import").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void jsonImportAppliesValidRowsReportsTheOthersAndPublishesEachChange() {
        String s = unique();
        String json = """
                {"departments": [
                   {"id": "D-CO-%1$s", "name": "总公司%1$s"},
                   {"id": "D-MKT-%1$s", "name": "市场部%1$s", "parentId": "D-CO-%1$s", "headId": "E1-%1$s"},
                   {"id": "D-BAD-%1$s", "name": "市场-销售%1$s"},
                   {"id": "D-ORPHAN-%1$s", "name": "孤儿部%1$s", "parentId": "D-NOWHERE-%1$s"},
                   {"id": "D-MKT-%1$s", "name": "市场二部%1$s"}],
                 "employees": [
                   {"id": "E1-%1$s", "realName": "张三", "departmentId": "D-MKT-%1$s", "rank": "manager",
                    "platformAccounts": {"wecom": "zhangsan-%1$s"}},
                   {"id": "E2-%1$s", "realName": "李四", "departmentId": "D-MKT-%1$s", "managerId": "E1-%1$s",
                    "platformAccounts": {"wecom": "lisi-%1$s", "dingtalk": "0420-%1$s"},
                    "email": "lisi@corp.example", "language": "en"},
                   {"id": "E3-%1$s", "realName": "王五", "departmentId": "D-NOWHERE-%1$s"},
                   {"id": "E4-%1$s", "realName": "赵六", "departmentId": "D-MKT-%1$s",
                    "platformAccounts": {"wecom": "zhangsan-%1$s"}},
                   {"id": "E5-%1$s", "realName": "", "departmentId": "D-MKT-%1$s", "rank": "Boss",
                    "platformAccounts": {"myspace": "x"}, "email": "lisi at corp", "language": "fr"}],
                 "projects": [
                   {"id": "P1-%1$s", "name": "新品推广%1$s", "departmentId": "D-MKT-%1$s",
                    "startsOn": "2026-01-01", "endsOn": "2026-12-31"},
                   {"id": "P2-%1$s", "name": "倒序%1$s", "startsOn": "2026-12-31", "endsOn": "2026-01-01"}]}
                """.formatted(s);

        JsonPath report = importJson(json);
        assertEquals(Map.of("created", 2, "updated", 0, "unchanged", 0, "rejected", 3), report.getMap("departments"));
        assertEquals(Map.of("created", 2, "updated", 0, "unchanged", 0, "rejected", 3), report.getMap("employees"));
        assertEquals(Map.of("created", 1, "updated", 0, "unchanged", 0, "rejected", 1), report.getMap("projects"));
        String rejected = report.getList("rejected").toString();
        assertTrue(rejected.contains("must not contain '-'"), rejected);
        assertTrue(rejected.contains("parentId D-NOWHERE-" + s + " is not in the directory"), rejected);
        assertTrue(rejected.contains("id D-MKT-" + s + " appears twice in this import"), rejected);
        assertTrue(rejected.contains("departmentId D-NOWHERE-" + s + " is not in the directory"), rejected);
        assertTrue(rejected.contains("platformAccounts.wecom zhangsan-" + s + " belongs to E1-" + s), rejected);
        assertTrue(rejected.contains("realName is required"), rejected);
        assertTrue(rejected.contains("unknown platform myspace"), rejected);
        assertTrue(rejected.contains("rank must be a lower-case word"), rejected);
        assertTrue(rejected.contains("endsOn is before startsOn"), rejected);
        assertTrue(rejected.contains("email lisi at corp is not an e-mail address"), rejected);
        assertTrue(rejected.contains("language must be one of zh-CN, zh-TW, en"), rejected);
        given().auth().oauth2(hr()).get("/api/directory/employees/E2-" + s).then().statusCode(200)
                .body("email", is("lisi@corp.example")).body("language", is("en"));
        assertEquals(List.of(3, 4, 5), report.getList("rejected.findAll { it.section == 'departments' }.row"));

        List<String> expected = List.of("D-CO-" + s, "D-MKT-" + s, "E1-" + s, "E2-" + s, "P1-" + s);
        List<EventEnvelope<EventPayload>> events = mine(probe.readUntil(Topics.DIRECTORY_EVENTS,
                records -> mine(records, s).size() >= expected.size(), Duration.ofSeconds(30)), s);
        assertEquals(Set.copyOf(expected), events.stream().map(EventEnvelope::subject).collect(Collectors.toSet()));
        assertEquals(expected.size(), events.size(), "one event per created row");
        EmployeeChanged hired = events.stream().map(EventEnvelope::data).filter(EmployeeChanged.class::isInstance)
                .map(EmployeeChanged.class::cast).filter(e -> e.employeeId().equals("E2-" + s)).findFirst().orElseThrow();
        assertEquals(Change.HIRED, hired.change());
        assertEquals(Map.of("wecom", "lisi-" + s, "dingtalk", "0420-" + s), hired.platformAccounts());

        // the same import again changes nothing and publishes nothing
        JsonPath again = importJson(json);
        assertEquals(Map.of("created", 0, "updated", 0, "unchanged", 2, "rejected", 3), again.getMap("departments"));
        assertEquals(Map.of("created", 0, "updated", 0, "unchanged", 2, "rejected", 3), again.getMap("employees"));
        importJson("""
                {"departments": [{"id": "D-MARK-%1$s", "name": "标记%1$s"}]}""".formatted(s));
        List<EventEnvelope<EventPayload>> afterReimport = mine(probe.readUntil(Topics.DIRECTORY_EVENTS,
                records -> mine(records, s).stream().anyMatch(e -> e.subject().equals("D-MARK-" + s)),
                Duration.ofSeconds(30)), s);
        assertEquals(expected.size() + 1, afterReimport.size(),
                "only the marker was published after the first import: " + afterReimport);
    }

    @Test
    void aTransferIsPublishedWithTheOldDepartmentAndAParentCycleIsRefused() {
        String s = unique();
        importJson("""
                {"departments": [{"id": "A-%1$s", "name": "甲部%1$s"}, {"id": "B-%1$s", "name": "乙部%1$s", "parentId": "A-%1$s"}],
                 "employees": [{"id": "E-%1$s", "realName": "孙八", "departmentId": "A-%1$s"}]}""".formatted(s));

        JsonPath report = importJson("""
                {"departments": [{"id": "A-%1$s", "name": "甲部%1$s", "parentId": "B-%1$s"}],
                 "employees": [{"id": "E-%1$s", "realName": "孙八", "departmentId": "B-%1$s", "title": "经理"}]}"""
                .formatted(s));
        assertEquals(1, report.getInt("departments.rejected"));
        assertTrue(report.getString("rejected[0].reasons[0]").contains("cycle"), report.prettify());
        assertEquals(1, report.getInt("employees.updated"));

        EmployeeChanged transfer = (EmployeeChanged) directoryEventsThrough(event -> event.data()
                instanceof EmployeeChanged e && e.employeeId().equals("E-" + s) && e.change() == Change.TRANSFERRED)
                .getLast().data();
        assertEquals("A-" + s, transfer.previousDepartmentId());
        assertEquals("B-" + s, transfer.departmentId());
    }

    @Test
    void aDepartmentNameIsTakenOverOnlyWhenItsHolderGivesItUpInTheSameImport() {
        String s = unique();
        importJson("""
                {"departments": [{"id": "OLD-%1$s", "name": "市场部%1$s"}]}""".formatted(s));

        // the holder keeps its name: the newcomer is refused, the holder's row is unchanged
        JsonPath kept = importJson("""
                {"departments": [{"id": "NEW-%1$s", "name": "市场部%1$s"}, {"id": "OLD-%1$s", "name": "市场部%1$s"}]}"""
                .formatted(s));
        assertEquals(Map.of("created", 0, "updated", 0, "unchanged", 1, "rejected", 1), kept.getMap("departments"));
        assertTrue(kept.getString("rejected[0].reasons[0]").contains("belongs to department OLD-" + s), kept.prettify());

        // the holder is renamed in the same import, listed after the newcomer: both are applied
        JsonPath handedOver = importJson("""
                {"departments": [{"id": "NEW-%1$s", "name": "市场部%1$s"}, {"id": "OLD-%1$s", "name": "营销部%1$s"}]}"""
                .formatted(s));
        assertEquals(Map.of("created", 1, "updated", 1, "unchanged", 0, "rejected", 0),
                handedOver.getMap("departments"));
    }

    @Test
    void csvImportReadsQuotedFieldsPlatformColumnsAndRefusesUnknownColumns() {
        String s = unique();
        importJson("""
                {"departments": [{"id": "HR-%1$s", "name": "行政人事部%1$s"}]}""".formatted(s));
        String csv = "\uFEFFid,realName,departmentId,title,rank,active,wecom,feishu\r\n"
                + "C1-%1$s,张三,HR-%1$s,\"经理, 行政\",manager,是,zs-%1$s,ou_%1$s\r\n".formatted(s)
                + "C2-%1$s,\"李\"\"四\",HR-%1$s,,,,,\r\n".formatted(s)
                + "C3-%1$s,王五,NOPE-%1$s,,,,,\r\n".formatted(s);
        JsonPath report = given().auth().oauth2(hr()).contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/directory/import/employees")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("created", 2, "updated", 0, "unchanged", 0, "rejected", 1), report.getMap("employees"));
        assertEquals(3, report.getInt("rejected[0].row"));

        given().auth().oauth2(hr()).get("/api/directory/employees/C1-" + s).then().statusCode(200)
                .body("title", is("经理, 行政")).body("rank", is("manager"))
                .body("platformAccounts.wecom", is("zs-" + s)).body("platformAccounts.feishu", is("ou_" + s));
        given().auth().oauth2(hr()).get("/api/directory/employees/C2-" + s).then().statusCode(200)
                .body("realName", is("李\"四")).body("rank", is("staff"));

        given().auth().oauth2(hr()).contentType("text/csv").body("id,realname,departmentId\nX,Y,Z\n")
                .post("/api/directory/import/employees").then().statusCode(400)
                .body(containsString("unknown column realname"));
        given().auth().oauth2(hr()).contentType("text/csv").body("id,name,active\nQ-%1$s,某部%1$s,maybe\n".formatted(s))
                .post("/api/directory/import/departments").then().statusCode(400)
                .body(containsString("active must be true or false"));
        given().auth().oauth2(hr()).contentType("text/csv").body("id,name\n\"Q,x\n")
                .post("/api/directory/import/departments").then().statusCode(400)
                .body(containsString("not closed"));
        given().auth().oauth2(hr()).contentType("text/csv").body("id,name\n")
                .post("/api/directory/import/teams").then().statusCode(404);
        given().auth().oauth2(hr()).get("/api/directory/departments/HR-" + s + "/employees").then().statusCode(200)
                .body("id", is(List.of("C1-" + s, "C2-" + s)));
    }

    @Test
    void readsAreScopedAndImportIsForHrOnly() {
        String s = unique();
        importJson("""
                {"departments": [{"id": "X-%1$s", "name": "技术部%1$s"}, {"id": "Y-%1$s", "name": "财务部%1$s"}],
                 "employees": [{"id": "EX-%1$s", "realName": "王五", "departmentId": "X-%1$s"},
                               {"id": "EY-%1$s", "realName": "孙八", "departmentId": "Y-%1$s"}]}""".formatted(s));

        given().auth().oauth2(TOKENS.issue("employee", "EX-" + s, "X-" + s))
                .get("/api/directory/employees/EX-" + s).then().statusCode(200).body("realName", is("王五"));
        given().auth().oauth2(TOKENS.issue("employee", "EX-" + s, "X-" + s))
                .get("/api/directory/employees/EY-" + s).then().statusCode(404);
        given().auth().oauth2(TOKENS.issue("dept-head", "head-" + s, "Y-" + s))
                .get("/api/directory/employees/EY-" + s).then().statusCode(200);
        given().auth().oauth2(TOKENS.issue("dept-head", "head-" + s, "Y-" + s))
                .get("/api/directory/employees/EX-" + s).then().statusCode(404);
        given().auth().oauth2(TOKENS.issue("dept-head", "head-" + s, "Y-" + s))
                .get("/api/directory/departments/X-" + s + "/employees").then().statusCode(404);
        given().auth().oauth2(TOKENS.issue("auditor", "audit-" + s, null))
                .get("/api/directory/employees/EX-" + s).then().statusCode(200);
        given().auth().oauth2(TOKENS.issue("employee", "EX-" + s, null)).get("/api/directory/departments")
                .then().statusCode(200).body("id", hasItem("X-" + s));

        given().auth().oauth2(TOKENS.issue("dept-head", "head-" + s, "Y-" + s)).contentType(ContentType.JSON)
                .body("{}").post("/api/directory/import").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").post("/api/directory/import").then().statusCode(401);
        given().auth().oauth2(hr()).contentType(ContentType.JSON).body("{\"employees\": [ {\"id\": ")
                .post("/api/directory/import").then().statusCode(400);
    }

    @Test
    void theHrFeedHiresTransfersAndLetsGoOnceEachAndDeadLettersWhatItCannotApply() {
        String s = unique();
        importJson("""
                {"departments": [{"id": "F1-%1$s", "name": "生产部%1$s"}, {"id": "F2-%1$s", "name": "销售部%1$s"}]}"""
                .formatted(s));
        OffsetDateTime at = OffsetDateTime.parse("2026-11-20T09:00:00+08:00");
        EventEnvelope<PersonnelChanged> hire = EventEnvelope.fresh("/hr", new PersonnelChanged("H-" + s, Change.HIRED,
                "周九", "F1-" + s, "工程师", "staff", null, false, Map.of("dingtalk", "zhoujiu-" + s),
                "zhoujiu@corp.example", "zh-TW", at));
        probe.publish(hire);
        probe.publish(hire);
        probe.publish(EventEnvelope.fresh("/hr", new PersonnelChanged("H-" + s, Change.TRANSFERRED, null, "F2-" + s,
                null, null, null, null, null, null, null, at.plusDays(1))));
        probe.publishRaw(Topics.HR_EMPLOYEES, "bad-" + s, "{\"broken".getBytes(StandardCharsets.UTF_8));
        probe.publish(EventEnvelope.fresh("/hr", new PersonnelChanged("GHOST-" + s, Change.LEFT, null, null, null,
                null, null, null, null, null, null, at)));
        probe.publish(EventEnvelope.fresh("/hr", new PersonnelChanged("H-" + s, Change.LEFT, null, null, null, null,
                null, null, null, null, null, at.plusDays(2))));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(hr()).get("/api/directory/employees/H-" + s).then().statusCode(200)
                        .body("active", is(false)).body("departmentId", is("F2-" + s))
                        .body("platformAccounts.dingtalk", is("zhoujiu-" + s)));

        List<EmployeeChanged> published = directoryEventsThrough(event -> event.data() instanceof EmployeeChanged e
                && e.employeeId().equals("H-" + s) && e.change() == Change.LEFT).stream()
                .map(EventEnvelope::data).filter(EmployeeChanged.class::isInstance).map(EmployeeChanged.class::cast)
                .filter(e -> e.employeeId().equals("H-" + s)).toList();
        assertEquals(List.of(Change.HIRED, Change.TRANSFERRED, Change.LEFT),
                published.stream().map(EmployeeChanged::change).toList(), "the duplicate hire is applied once");
        // the contact details travel with every change, also those that do not name them
        assertEquals(List.of("zhoujiu@corp.example"), published.stream().map(EmployeeChanged::email).distinct().toList());
        assertEquals(List.of(Language.ZH_TW), published.stream().map(EmployeeChanged::language).distinct().toList());

        var dead = probe.readUntil(Topics.deadLetter("group-service", "personnel"), records -> records.stream()
                .filter(r -> r.key() != null && r.key().endsWith(s)).count() >= 2, Duration.ofSeconds(30));
        Map<String, String> reasons = new java.util.HashMap<>();
        dead.stream().filter(r -> r.key() != null && r.key().endsWith(s))
                .forEach(r -> reasons.put(r.key(), KafkaProbe.header(r, "dead-letter-reason")));
        assertTrue(reasons.get("GHOST-" + s).contains("not in the directory"), reasons.toString());
        assertTrue(reasons.containsKey("bad-" + s), reasons.toString());
    }

    private List<EventEnvelope<EventPayload>> directoryEventsThrough(
            java.util.function.Predicate<EventEnvelope<EventPayload>> last) {
        List<EventEnvelope<EventPayload>> events = probe.eventsThrough(Topics.DIRECTORY_EVENTS, last,
                Duration.ofSeconds(30));
        assertTrue(!events.isEmpty() && last.test(events.getLast()), "the expected event arrived on directory.events");
        return events;
    }

    /** The events of one test's rows: their ids end with its suffix. */
    static List<EventEnvelope<EventPayload>> mine(List<ConsumerRecord<String, byte[]>> records, String suffix) {
        return records.stream().filter(record -> record.key() != null && record.key().endsWith(suffix))
                .map(record -> EventJson.read(record.value())).toList();
    }
}
