package io.qunguan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.qunguan.events.EventJson;
import io.qunguan.testkit.BridgeClient;
import io.qunguan.testkit.FakePlatform;
import io.qunguan.testkit.Ports;
import io.qunguan.testkit.QunguanStack;
import io.qunguan.testkit.ServiceProcess;
import io.qunguan.testkit.Tokens;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The four packaged services as separate processes on one real KRaft broker and PostgreSQL, driven only over
 * HTTP: a signed webhook in, a masked violation out through reporting (CT-4, SV-1); and a work group's whole life
 * across the services (GL-*, MB-*, SV-1, SV-2).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonSystemIT {

    private static final String SECRET = "system-test-secret";
    private static final String ID_NUMBER = "11010519491231002X";

    private static QunguanStack stack;
    private static Tokens tokens;
    /** The public half of the key the services verify tokens with. */
    private static Path publicKey;
    /** The platforms' APIs notification-service and group-service call out to. */
    private static FakePlatform platforms;
    /** The company's SMTP server. */
    private static GreenMail mail;
    private static final BridgeClient webhooks = new BridgeClient(SECRET);

    @BeforeAll
    static void startSystem() throws Exception {
        Path root = Path.of(System.getProperty("qunguan.project.root", "..")).toAbsolutePath().normalize();
        Path work = QunguanStack.workDir(root.resolve("system-tests/target/stack"), "run-");
        Tokens.generateKeyPair(work.resolve("keys"));
        tokens = Tokens.fromPem(work.resolve("keys/private.pem"));
        publicKey = work.resolve("keys/public.pem");
        String run = UUID.randomUUID().toString().substring(0, 8);
        platforms = FakePlatform.start();
        int smtp = Ports.free();
        mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Map<String, String> config = new LinkedHashMap<>(PlatformDeliveries.CONFIG);
        for (String api : new String[] {"wecom", "dingtalk", "dingtalk-api", "feishu", "slack", "onebot"}) {
            config.put("qunguan.platforms.outbound." + api + "-url", platforms.url(api).toString());
        }
        config.put("qunguan.platforms.wecom.corp-secret", "wecom-app-secret");
        config.put("qunguan.platforms.wecom.agent-id", "1000002");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(smtp));
        // the tests run at any hour of any day: notices do not wait for working time here
        config.put("qunguan.notifications.quiet-hours", "none");
        config.put("qunguan.notifications.working-days-only", "false");
        config.put("qunguan.notifications.group-quiet-hours", "false");
        // the BH-6 demonstration's notice runs out within seconds; replies still on their way get this long
        config.put("qunguan.notifications.acknowledgement-grace", "15s");
        stack = QunguanStack.start(new QunguanStack.Settings(root, work, "st" + run + ".",
                work.resolve("keys/public.pem"), SECRET, QunguanStack.services(0, "qg_st_" + run + "_"), true,
                config));
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
        if (platforms != null) {
            platforms.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    private static String group() {
        return stack.service("group-service").baseUrl();
    }

    private static JsonNode violationsOfGroup(String chat, Predicate<JsonNode> until) {
        return BridgeClient.await(() -> violationsOf("groupId=generic:" + chat), until, Duration.ofSeconds(20));
    }

    @Test
    @Order(1)
    void ct4IdNumberInAWebhookBecomesAMaskedViolationInReporting() {
        String chat = "chat-" + UUID.randomUUID();
        String text = "请帮我登记，身份证号 " + ID_NUMBER + "，谢谢";
        BridgeClient.Answer answer = webhooks.post(group(), BridgeClient.message("m-" + UUID.randomUUID(), chat, "u-sun",
                "行政人事部-孙八", text));
        assertEquals(200, answer.status(), answer.body());

        JsonNode page = violationsOfGroup(chat, json -> json.path("total").asInt() >= 1);
        assertEquals(1, page.path("total").asInt(), page.toString());
        JsonNode violation = page.path("items").get(0);
        assertEquals("CT-4", violation.path("ruleId").asText());
        assertEquals("u-sun", violation.path("memberId").asText());
        assertTrue(violation.path("evidence").asText().contains("110105********002X"), violation.toString());
        assertFalse(page.toString().contains(ID_NUMBER), "the full ID number never leaves moderation");
    }

    @Test
    @Order(2)
    void aWebhookDeliveredThreeTimesYieldsOneViolation() {
        String chat = "chat-" + UUID.randomUUID();
        String body = BridgeClient.message("m-" + UUID.randomUUID(), chat, "u-zhou", "技术部-周九", "今晚一起网赌");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, webhooks.post(group(), body).status());
        }
        // a last message of the chat: a violation of a redelivery would reach reporting before the marker's
        JsonNode page = violationsOfGroup(chat, markedBy(chat, "u-zhou", "技术部-周九"));
        assertEquals(List.of("CT-4", "CT-6"), rules(page), page.toString());
    }

    @Test
    @Order(3)
    void badSignatureIs401AndOpensNoViolation() {
        String chat = "chat-" + UUID.randomUUID();
        BridgeClient.Answer answer = webhooks.post(group(),
                BridgeClient.message("m-" + UUID.randomUUID(), chat, "u-wu", "销售部-吴十", "网赌"), "not-the-secret");
        assertEquals(401, answer.status());
        JsonNode page = violationsOfGroup(chat, markedBy(chat, "u-wu", "销售部-吴十"));
        assertEquals(List.of("CT-4"), rules(page), "only the marker's: " + page);
    }

    /**
     * Posts a signed message with an ID number (CT-4) last in {@code chat} and answers whether its violation is in a
     * page: one chat's messages are judged and reported in order, so anything an earlier one opened is there by then.
     */
    private static Predicate<JsonNode> markedBy(String chat, String sender, String name) {
        String marker = "marker-" + UUID.randomUUID();
        BridgeClient.Answer answer = webhooks.post(group(), BridgeClient.message(marker, chat, sender, name,
                "登记身份证号 " + ID_NUMBER));
        assertEquals(200, answer.status(), answer.body());
        return page -> page.path("items").findValuesAsText("messageId").contains(marker);
    }

    private static List<String> rules(JsonNode page) {
        List<String> rules = new ArrayList<>();
        page.path("items").forEach(item -> rules.add(item.path("ruleId").asText()));
        return rules.stream().sorted().toList();
    }

    /**
     * Request, approval, activation, announcement, members joining (one under a false nickname, one outsider), the
     * owner leaving the company, review, dissolution: group-service's REST views at each step, the breaches as
     * violations in reporting (through moderation), the owner's tasks and the members' dissolution notices in
     * notification-service.
     */
    @Test
    @Order(4)
    void gl1Gl2Gl5Gl6Gl8Gl9Mb1Mb3Mb4Mb5AWorkGroupsWholeLifeAcrossTheFourServices() {
        String s = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String department = "行政人事部" + s;
        String hr = tokens.issue("hr", "hr-" + s, null);
        String directory = """
                {"departments": [{"id": "HR-%1$s", "name": "行政人事部%1$s", "headId": "HEAD-%1$s"},
                                 {"id": "MKT-%1$s", "name": "市场部%1$s"}],
                 "employees": [
                   {"id": "HEAD-%1$s", "realName": "钱七", "departmentId": "HR-%1$s", "rank": "director"},
                   {"id": "MGR-%1$s", "realName": "孙经理", "departmentId": "HR-%1$s", "rank": "manager"},
                   {"id": "OWN-%1$s", "realName": "周群主", "departmentId": "HR-%1$s", "managerId": "MGR-%1$s",
                    "active": %2$s, "platformAccounts": {"generic": "u-own-%1$s"}},
                   {"id": "M1-%1$s", "realName": "李四", "departmentId": "HR-%1$s",
                    "platformAccounts": {"generic": "u-m1-%1$s"}},
                   {"id": "M2-%1$s", "realName": "王五", "departmentId": "MKT-%1$s",
                    "platformAccounts": {"generic": "u-m2-%1$s"}}]}""";
        expect(200, "POST", group() + "/api/directory/import", hr, directory.formatted(s, true));

        // request (GL-1, GL-4) and approval by the department head (GL-2)
        String owner = tokens.issue("employee", "OWN-" + s, null);
        String id = expect(201, "POST", group() + "/api/groups", owner, """
                {"typeId": "department", "name": "%s-通知群", "purpose": "部门通知与协作", "ownerId": "OWN-%s"}"""
                .formatted(department, s)).path("id").asText();
        assertEquals("APPROVED", expect(200, "POST", group() + "/api/groups/" + id + "/decision",
                tokens.issue("employee", "HEAD-" + s, null), "{\"approve\":true,\"reason\":\"部门需要\"}")
                .path("status").asText());

        // activation (GL-1): the owner binds the chat and is handed the announcement to publish (GL-6)
        String chat = "life-" + s;
        JsonNode active = expect(200, "POST", group() + "/api/groups/" + id + "/chats", owner,
                "{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}");
        assertEquals("ACTIVE", active.path("status").asText());
        JsonNode ownerNotices = await(() -> expect(200, "GET", notices("OWN-" + s), owner, null),
                json -> json.toString().contains("GL-6"));
        assertTrue(ownerNotices.toString().contains("GROUP_TASK"), ownerNotices.toString());
        expect(200, "PUT", group() + "/api/groups/" + id + "/announcement", owner, """
                {"purpose": "部门日常通知", "functions": "通知、排班", "memberComposition": "行政人事部全体员工",
                 "rules": "实名昵称；收到通知回复收到", "ownerContact": "周群主 分机 8001"}""");

        // members join: M2 of another department under a false nickname (MB-3), M1 adds an outsider (MB-1, MB-4)
        joins(chat, "u-own-" + s, department + "-周群主", null);
        joins(chat, "u-m1-" + s, department + "-李四", "u-own-" + s);
        joins(chat, "u-m2-" + s, department + "-王五", "u-own-" + s);
        joins(chat, "u-out-" + s, "路人甲", "u-m1-" + s);
        JsonNode violations = await(() -> violationsOf("groupId=" + id),
                json -> json.path("total").asInt() >= 2);
        assertEquals(2, violations.path("total").asInt(), "MB-4 is nobody's violation: " + violations);
        assertTrue(violations.toString().contains("\"MB-3\"") && violations.toString().contains("u-m2-" + s),
                "the false nickname is held against its bearer: " + violations);
        assertTrue(violations.toString().contains("\"MB-1\"") && violations.toString().contains("u-m1-" + s),
                "the outsider's invitation is held against the inviter: " + violations);
        JsonNode members = await(() -> expect(200, "GET", group() + "/api/groups/" + id + "/members", owner, null),
                json -> json.size() >= 4);
        assertTrue(members.toString().contains("generic:u-out-" + s), members.toString());

        // the owner leaves the company (MB-5, GL-5): the group goes to their manager
        expect(200, "POST", group() + "/api/directory/import", hr, directory.formatted(s, false));
        String manager = tokens.issue("employee", "MGR-" + s, null);
        JsonNode handedOver = await(() -> expect(200, "GET", group() + "/api/groups/" + id, hr, null),
                json -> json.path("ownerId").asText().equals("MGR-" + s));
        assertEquals("MGR-" + s, handedOver.path("ownerId").asText(), handedOver.toString());

        // review (GL-9) and dissolution (GL-8): every member is told
        assertEquals("MGR-" + s, expect(201, "POST", group() + "/api/groups/" + id + "/review", hr,
                "{\"reason\":\"季度群组检查\"}").path("assigneeId").asText());
        assertEquals("DISSOLVED", expect(200, "POST", group() + "/api/groups/" + id + "/dissolution", manager,
                "{\"reason\":\"通知已并入全员群\"}").path("status").asText());
        // notification-service places the member's platform account through its replica of the directory
        JsonNode dissolvedNotice = await(() -> expect(200, "GET", notices("M1-" + s), hr, null),
                json -> json.toString().contains("GROUP_DISSOLVED"));
        assertTrue(dissolvedNotice.toString().contains("通知已并入全员群"), dissolvedNotice.toString());
        expect(404, "GET", group() + "/api/groups/" + id, tokens.issue("employee", "M1-" + s, null), null);
    }

    private static JsonNode expect(int status, String method, String url, String token, String json) {
        BridgeClient.Answer answer = webhooks.call(method, url, token, json);
        assertEquals(status, answer.status(), method + " " + url + ": " + answer.body());
        return answer.json();
    }

    /**
     * One signed (WeCom: also encrypted) delivery per platform, built from the platforms' documented protocols, through
     * the packaged services: the normalised message reaches moderation, the violation reaches reporting, and
     * group-service plans the sanction on the platform it came from.
     */
    @Test
    @Order(5)
    void ct6OneDeliveryPerPlatformBecomesAViolationInReportingAndASanctionInGroupService() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String text = "今晚一起网赌";
        Map<String, Integer> answers = new LinkedHashMap<>();
        answers.put("slack:C" + run, PlatformDeliveries.slack(group(), "C" + run, "1763600000." + "%06d".formatted(Math.floorMod(run.hashCode(), 1_000_000)), text));
        long qqGroup = 100_000_000L + Math.floorMod(run.hashCode(), 100_000_000);
        answers.put("onebot:" + qqGroup, PlatformDeliveries.oneBot(group(), Long.toString(qqGroup),
                Math.floorMod(run.hashCode(), 1_000_000_000L), text));
        answers.put("dingtalk:cid" + run, PlatformDeliveries.dingTalkRobot(group(), "cid" + run, "msg" + run, text));
        answers.put("feishu:oc_" + run, PlatformDeliveries.feishu(group(), "oc_" + run, "om_" + run, text));
        answers.put("wecom:app-1000002-li" + run, PlatformDeliveries.weCom(group(), "li" + run, "9" + Math.floorMod(run.hashCode(), 1_000_000_000L), text));
        answers.forEach((chat, status) -> assertTrue(status == 200 || status == 204, chat + " answered " + status));

        for (String chat : answers.keySet()) {
            JsonNode page = BridgeClient.await(() -> violationsOf("groupId=" + URLEncoder.encode(chat, StandardCharsets.UTF_8)),
                    json -> json.path("total").asInt() >= 1, Duration.ofSeconds(30));
            assertEquals(1, page.path("total").asInt(), chat + ": " + page);
            assertEquals("CT-6", page.path("items").get(0).path("ruleId").asText(), chat + ": " + page);
        }
        // the first offence is a reminder, planned in the chat it came from and visible to operators
        JsonNode actions = BridgeClient.await(() -> webhooks.get(group() + "/api/platform-actions?limit=200",
                        tokens.issue("operator", "ops-1", null)).json(),
                json -> answers.keySet().stream().allMatch(chat -> hasAction(json, chat)), Duration.ofSeconds(30));
        for (String chat : answers.keySet()) {
            assertTrue(hasAction(actions, chat), chat + " has no platform action: " + actions);
        }
    }

    private static boolean hasAction(JsonNode actions, String chat) {
        for (JsonNode action : actions) {
            if (chat.equals(action.path("platform").asText() + ":" + action.path("chatId").asText())
                    && action.path("kind").asText().equals("POST_MESSAGE")) {
                return true;
            }
        }
        return false;
    }

    private static String notices(String person) {
        return stack.service("notification-service").baseUrl() + "/api/people/"
                + URLEncoder.encode(person, StandardCharsets.UTF_8).replace("+", "%20") + "/notices";
    }

    private static JsonNode violationsOf(String query) {
        BridgeClient.Answer answer = webhooks.get(stack.service("reporting-service").baseUrl() + "/api/violations?"
                + query, tokens.issue("hr", "hr-wang", "人力资源部"));
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    /** Polls {@code read} until {@code until} holds or 30 s pass; returns the last answer. */
    private static JsonNode await(Supplier<JsonNode> read, Predicate<JsonNode> until) {
        return BridgeClient.await(read, until, Duration.ofSeconds(30));
    }

    private static void joins(String chat, String member, String nickname, String invitedBy) {
        BridgeClient.Answer answer = webhooks.post(group(), BridgeClient.memberJoined(chat, member, nickname,
                invitedBy));
        assertEquals(200, answer.status(), answer.body());
    }

    /**
     * BH-6 through the webhooks and the packaged services: the owner's 【通知】 in a department group is tracked by
     * notification-service from the group's snapshot, two members reply 收到 / 好的, the third does not; the third is
     * reminded, and once the hour the department type allows has passed, moderation-service opens their BH-6
     * violation, which reporting shows. The notice is posted with a time just under an hour ago, so the reminder is
     * due at once and the deadline a few seconds later.
     */
    @Test
    @Order(5)
    void bh6ThreeMembersANoticeTwoAcknowledgeTheThirdIsRemindedAndItsViolationReachesReporting() {
        String s = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String hr = tokens.issue("hr", "hr-" + s, null);
        expect(200, "POST", group() + "/api/directory/import", hr, """
                {"departments": [{"id": "AX-%1$s", "name": "行政部%1$s", "headId": "AH-%1$s"}],
                 "employees": [
                   {"id": "AH-%1$s", "realName": "陈主任", "departmentId": "AX-%1$s", "rank": "director"},
                   {"id": "AO-%1$s", "realName": "林群主", "departmentId": "AX-%1$s",
                    "platformAccounts": {"generic": "u-ao-%1$s"}},
                   {"id": "A1-%1$s", "realName": "何一", "departmentId": "AX-%1$s",
                    "platformAccounts": {"generic": "u-a1-%1$s"}},
                   {"id": "A2-%1$s", "realName": "何二", "departmentId": "AX-%1$s",
                    "platformAccounts": {"generic": "u-a2-%1$s"}},
                   {"id": "A3-%1$s", "realName": "何三", "departmentId": "AX-%1$s",
                    "platformAccounts": {"generic": "u-a3-%1$s"}}]}""".formatted(s));
        String owner = tokens.issue("employee", "AO-" + s, null);
        String id = expect(201, "POST", group() + "/api/groups", owner, """
                {"typeId": "department", "name": "行政部%s-通知群", "purpose": "部门通知", "ownerId": "AO-%s"}"""
                .formatted(s, s)).path("id").asText();
        expect(200, "POST", group() + "/api/groups/" + id + "/decision", tokens.issue("employee", "AH-" + s, null),
                "{\"approve\":true,\"reason\":\"需要\"}");
        String chat = "notice-" + s;
        expect(200, "POST", group() + "/api/groups/" + id + "/chats", owner,
                "{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}");
        joins(chat, "u-ao-" + s, "行政部" + s + "-林群主", null);
        Map<String, String> names = Map.of("a1", "何一", "a2", "何二", "a3", "何三");
        names.forEach((member, name) -> joins(chat, "u-" + member + "-" + s, "行政部" + s + "-" + name, "u-ao-" + s));
        // notification-service's replica of the group holds a member once that member may read its meetings; the
        // three joined in no particular order, so each is waited for
        String meetings = stack.service("notification-service").baseUrl() + "/api/groups/" + id + "/meetings";
        for (String member : List.of("A1-", "A2-", "A3-")) {
            BridgeClient.await(() -> webhooks.get(meetings, tokens.issue("employee", member + s, null)).status(),
                    status -> status == 200, Duration.ofSeconds(30));
        }

        OffsetDateTime posted = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(60).plusSeconds(20);
        postAt(chat, "u-ao-" + s, "【通知】周五下午全员参加消防演练，请准时到一楼大厅", posted);
        postAt(chat, "u-a1-" + s, "收到", posted.plusSeconds(5));
        postAt(chat, "u-a2-" + s, "好的，马上执行", posted.plusSeconds(6));

        JsonNode found = BridgeClient.await(() -> violationsOf("ruleId=BH-6&groupId="
                + URLEncoder.encode(id, StandardCharsets.UTF_8)), page -> page.path("total").asInt() >= 1,
                Duration.ofSeconds(90));
        assertEquals(1, found.path("total").asInt(), found.toString());
        assertEquals("u-a3-" + s, found.path("items").get(0).path("memberId").asText(), found.toString());
        assertEquals("A3-" + s, found.path("items").get(0).path("employeeId").asText(), found.toString());
        String reminders = webhooks.get(notices("A3-" + s), hr).body();
        assertTrue(reminders.contains("ACKNOWLEDGEMENT_REMINDER"), reminders);
        JsonNode tracked = expectJson(stack.service("notification-service").baseUrl() + "/api/groups/" + id
                + "/notices", owner);
        assertEquals(2, tracked.get(0).path("acknowledged").asInt(), tracked.toString());
    }

    /**
     * BH-5 across a restart: a group of a type whose answer deadline is one minute, rest time counting, gets a
     * leader's task; once the deadline is open moderation-service is stopped, the minute passes, and started again:
     * the deadline, a row in its database, is fired then, and the missed task is a BH-5 violation in reporting.
     */
    @Test
    @Order(5)
    void bh5AnOpenDeadlineSurvivesARestartOfModerationAndIsFiredAfterIt() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String hr = tokens.issue("hr", "hr-dl-" + s, null);
        String type = "deadline-" + s;
        JsonNode source = expect(200, "GET", group() + "/api/group-types/department", hr, null);
        ObjectNode policy = (ObjectNode) source.path("policy").deepCopy();
        ObjectNode moderation = (ObjectNode) policy.path("moderation");
        moderation.put("responseDeadlineMinutes", 1);
        moderation.remove("followThrough");
        ((ObjectNode) moderation.path("responseDeadline")).put("restTimeCounts", true);
        ObjectNode proposal = EventJson.MAPPER.createObjectNode().put("name", "一分钟群").put("reason", "restart test");
        proposal.set("policy", policy);
        expect(201, "POST", group() + "/api/group-types/" + type + "/versions", hr, proposal.toString());
        expect(200, "POST", group() + "/api/group-types/" + type + "/versions/1/approve",
                tokens.issue("hr", "hr-dl2-" + s, null), "{\"reason\":\"ok\"}");
        expect(200, "POST", group() + "/api/directory/import", hr, """
                {"departments": [{"id": "DL-%1$s", "name": "运维部%1$s", "headId": "DH-%1$s"}],
                 "employees": [
                   {"id": "DH-%1$s", "realName": "罗主任", "departmentId": "DL-%1$s", "rank": "director"},
                   {"id": "DO-%1$s", "realName": "钱组长", "departmentId": "DL-%1$s",
                    "platformAccounts": {"generic": "u-do-%1$s"}},
                   {"id": "DM-%1$s", "realName": "孔一", "departmentId": "DL-%1$s",
                    "platformAccounts": {"generic": "u-dm-%1$s"}}]}""".formatted(s));
        String owner = tokens.issue("employee", "DO-" + s, null);
        String id = expect(201, "POST", group() + "/api/groups", owner, """
                {"typeId": "%s", "name": "运维部%s-值班群", "purpose": "值班协作", "ownerId": "DO-%s"}"""
                .formatted(type, s, s)).path("id").asText();
        expect(200, "POST", group() + "/api/groups/" + id + "/decision", tokens.issue("employee", "DH-" + s, null),
                "{\"approve\":true,\"reason\":\"需要\"}");
        String chat = "duty-" + s;
        expect(200, "POST", group() + "/api/groups/" + id + "/chats", owner,
                "{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}");
        joins(chat, "u-do-" + s, "运维部" + s + "-钱组长", null);
        joins(chat, "u-dm-" + s, "运维部" + s + "-孔一", "u-do-" + s);

        // moderation-service opens the deadline once its roster has both; a task judged before that opens none, so
        // the owner asks again until one is open
        String moderationUrl = stack.service("moderation-service").baseUrl();
        JsonNode open = EventJson.MAPPER.createArrayNode();
        for (int attempt = 0; attempt < 6 && open.isEmpty(); attempt++) {
            String body = BridgeClient.message("st-" + UUID.randomUUID(), chat, "u-do-" + s, "运维部" + s + "-钱组长",
                    "@孔一 请检查一下机房的备份")
                    .replace("2026-11-20T09:30:00+08:00", OffsetDateTime.now(ZoneOffset.UTC).toString())
                    .replace("\"mentions\":[]", "\"mentions\":[\"u-dm-" + s + "\"]");
            assertEquals(200, webhooks.post(group(), body).status());
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (open.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(250);
                open = deadlinesOf(moderationUrl, hr, id);
            }
        }
        assertFalse(open.isEmpty(), "six tasks opened no deadline");
        String deadlineId = open.get(0).path("id").asText();
        OffsetDateTime due = OffsetDateTime.parse(open.get(0).path("dueAt").asText());
        assertEquals("OPEN", open.get(0).path("status").asText(), open.toString());

        ServiceProcess moderationService = stack.service("moderation-service");
        moderationService.stop();
        BridgeClient.await(OffsetDateTime::now, now -> now.isAfter(due.plusSeconds(2)), Duration.ofSeconds(90));
        moderationService.start();
        moderationService.awaitReady(Duration.ofSeconds(90));

        JsonNode missed = BridgeClient.await(() -> violationsOf("ruleId=BH-5&groupId="
                + URLEncoder.encode(id, StandardCharsets.UTF_8)), page -> page.path("total").asInt() >= 1,
                Duration.ofSeconds(60));
        assertEquals("DM-" + s, missed.path("items").get(0).path("employeeId").asText(), missed.toString());
        JsonNode after = deadlinesOf(moderationUrl, hr, id);
        after.forEach(deadline -> {
            if (deadline.path("id").asText().equals(deadlineId)) {
                assertEquals("MISSED", deadline.path("status").asText(), after.toString());
            }
        });
        assertTrue(after.findValues("id").stream().anyMatch(value -> value.asText().equals(deadlineId)));
    }

    private static JsonNode deadlinesOf(String moderationUrl, String token, String groupId) {
        JsonNode all = expectJson(moderationUrl + "/api/deadlines?limit=500&kind=RESPONSE", token);
        var mine = EventJson.MAPPER.createArrayNode();
        all.forEach(deadline -> {
            if (deadline.path("groupId").asText().equals(groupId)) {
                mine.add(deadline);
            }
        });
        return mine;
    }

    /**
     * MT-1 and MT-2 through the webhooks and the packaged services. The owner's first meeting notice went out two
     * hours ahead and names no agenda, and no minutes followed within the 24 hours the department type allows:
     * moderation-service opens the organiser's MT-1 and MT-2 violations from notification-service's findings, and
     * reporting shows both. The second meeting was noticed 28 hours ahead with every part, and its minutes posted in
     * the chat reach each participant as a notice. Messages carry times in the past, so the meetings are over.
     */
    @Test
    @Order(5)
    void mt1Mt2ALateNoticeWithoutAgendaAndMissingMinutesAreViolationsAndPostedMinutesReachTheParticipants() {
        String s = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String hr = tokens.issue("hr", "hr-" + s, null);
        expect(200, "POST", group() + "/api/directory/import", hr, """
                {"departments": [{"id": "MX-%1$s", "name": "市场部%1$s", "headId": "MH-%1$s"}],
                 "employees": [
                   {"id": "MH-%1$s", "realName": "赵经理", "departmentId": "MX-%1$s", "rank": "director"},
                   {"id": "MO-%1$s", "realName": "钱群主", "departmentId": "MX-%1$s",
                    "platformAccounts": {"generic": "u-mo-%1$s"}},
                   {"id": "M1-%1$s", "realName": "孙一", "departmentId": "MX-%1$s",
                    "platformAccounts": {"generic": "u-m1-%1$s"}},
                   {"id": "M2-%1$s", "realName": "孙二", "departmentId": "MX-%1$s",
                    "platformAccounts": {"generic": "u-m2-%1$s"}}]}""".formatted(s));
        String owner = tokens.issue("employee", "MO-" + s, null);
        String id = expect(201, "POST", group() + "/api/groups", owner, """
                {"typeId": "department", "name": "市场部%s-例会群", "purpose": "部门例会", "ownerId": "MO-%s"}"""
                .formatted(s, s)).path("id").asText();
        expect(200, "POST", group() + "/api/groups/" + id + "/decision", tokens.issue("employee", "MH-" + s, null),
                "{\"approve\":true,\"reason\":\"需要\"}");
        String chat = "meetings-" + s;
        expect(200, "POST", group() + "/api/groups/" + id + "/chats", owner,
                "{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}");
        joins(chat, "u-mo-" + s, "市场部" + s + "-钱群主", null);
        joins(chat, "u-m1-" + s, "市场部" + s + "-孙一", "u-mo-" + s);
        joins(chat, "u-m2-" + s, "市场部" + s + "-孙二", "u-mo-" + s);
        String meetings = stack.service("notification-service").baseUrl() + "/api/groups/" + id + "/meetings";
        BridgeClient.await(() -> webhooks.get(meetings, tokens.issue("employee", "M2-" + s, null)).status(),
                status -> status == 200, Duration.ofSeconds(30));

        ZoneId company = ZoneId.of("Asia/Shanghai");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        OffsetDateTime lateNotice = now.minusHours(50);
        OffsetDateTime review = lateNotice.plusHours(2);
        postAt(chat, "u-mo-" + s, "【会议通知】\n主题：季度复盘\n时间：" + clock(review, company) + "-"
                + clock(review.plusHours(1), company).substring(11) + "\n地点：三楼会议室", lateNotice);
        OffsetDateTime safety = now.minusHours(2);
        postAt(chat, "u-mo-" + s, "【会议通知】\n主题：安全例会\n时间：" + clock(safety, company) + "-"
                + clock(safety.plusHours(1), company).substring(11) + "\n地点：一楼大厅\n议程：消防通道检查；灭火器盘点",
                now.minusHours(30));
        JsonNode held = BridgeClient.await(() -> expectJson(meetings, owner), list -> list.size() >= 2,
                Duration.ofSeconds(30));
        assertEquals(2, held.size(), held.toString());
        postAt(chat, "u-mo-" + s, "【会议纪要】安全例会：消防通道已清理，灭火器下周更换，负责人孙一", now);

        String member = tokens.issue("employee", "M1-" + s, null);
        String received = BridgeClient.await(() -> webhooks.get(notices("M1-" + s), member).body(),
                body -> body.contains("\"MINUTES\""), Duration.ofSeconds(30));
        assertTrue(received.contains("\"MINUTES\"") && received.contains("安全例会"), received);
        JsonNode mt1 = BridgeClient.await(() -> violationsOf("ruleId=MT-1&groupId="
                + URLEncoder.encode(id, StandardCharsets.UTF_8)), page -> page.path("total").asInt() >= 1,
                Duration.ofSeconds(60));
        JsonNode mt2 = BridgeClient.await(() -> violationsOf("ruleId=MT-2&groupId="
                + URLEncoder.encode(id, StandardCharsets.UTF_8)), page -> page.path("total").asInt() >= 1,
                Duration.ofSeconds(60));
        assertEquals(1, mt1.path("total").asInt(), "only the late notice without agenda breaks MT-1: " + mt1);
        assertEquals("MO-" + s, mt1.path("items").get(0).path("employeeId").asText(), mt1.toString());
        assertEquals(1, mt2.path("total").asInt(), "the second meeting's minutes came: " + mt2);
        assertEquals("MO-" + s, mt2.path("items").get(0).path("employeeId").asText(), mt2.toString());
        JsonNode late = StreamSupport.stream(expectJson(meetings, owner).spliterator(), false)
                .filter(meeting -> meeting.path("topic").asText().equals("季度复盘")).findFirst().orElseThrow();
        assertTrue(late.path("problems").toString().contains("agenda")
                && late.path("problems").toString().contains("2 h 0 min ahead"), late.toString());
    }

    private static String clock(OffsetDateTime at, ZoneId zone) {
        return at.atZoneSameInstant(zone).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    private static void postAt(String chat, String sender, String text, OffsetDateTime at) {
        String body = BridgeClient.message("st-" + UUID.randomUUID(), chat, sender, sender, text)
                .replace("2026-11-20T09:30:00+08:00", at.toString());
        BridgeClient.Answer answer = webhooks.post(group(), body);
        assertEquals(200, answer.status(), answer.body());
    }

    private static JsonNode expectJson(String url, String token) {
        BridgeClient.Answer answer = webhooks.get(url, token);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    /**
     * GL-7 and SV-2 across the packaged services: a department head overrides the group's moderation policy in
     * group-service, moderation-service applies it from {@code group.state} (an ad is allowed there, gambling is fined
     * 100 yuan on the first offence), and reporting shows the fine with the policy it came from.
     */
    @Test
    @Order(5)
    void gl7Sv2AGroupsOverrideDecidesWhatModerationAllowsAndItsLadderFines() {
        String s = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String hr = tokens.issue("hr", "hr-" + s, null);
        expect(200, "POST", group() + "/api/directory/import", hr, """
                {"departments": [{"id": "PX-%1$s", "name": "生产部%1$s", "headId": "PH-%1$s"}],
                 "employees": [
                   {"id": "PH-%1$s", "realName": "郑主任", "departmentId": "PX-%1$s", "rank": "director"},
                   {"id": "PO-%1$s", "realName": "冯班长", "departmentId": "PX-%1$s",
                    "platformAccounts": {"generic": "u-po-%1$s"}}]}""".formatted(s));
        String owner = tokens.issue("employee", "PO-" + s, null);
        String head = tokens.issue("employee", "PH-" + s, null);
        String id = expect(201, "POST", group() + "/api/groups", owner, """
                {"typeId": "department", "name": "生产部%s-夜班群", "purpose": "夜班协调", "ownerId": "PO-%s"}"""
                .formatted(s, s)).path("id").asText();
        expect(200, "POST", group() + "/api/groups/" + id + "/decision", head, "{\"approve\":true,\"reason\":\"需要\"}");
        String chat = "night-" + s;
        expect(200, "POST", group() + "/api/groups/" + id + "/chats", owner,
                "{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}");
        expect(200, "PUT", group() + "/api/groups/" + id + "/policy", head, """
                {"overrides": {"moderation": {
                   "contentActions": {"ads": "ALLOW", "gambling": "SANCTION"},
                   "sanctionsLadder": [{"sanction": "FINE", "yuan": 100}, "REMOVAL"], "startRung": {"HIGH": 0}}},
                 "reason": "夜班群允许转发团购信息；赌博一律罚款"}""");
        // the override reaches moderation-service through group.state, not at once
        String moderationPolicy = stack.service("moderation-service").baseUrl() + "/api/groups/" + id
                + "/moderation-policy";
        await(() -> webhooks.get(moderationPolicy, hr).json(),
                json -> json.path("moderation").path("contentActions").path("ads").asText().equals("ALLOW"));

        // the same partition judges in order: once the second message's violation shows, the first was judged too
        String sender = "u-po-" + s;
        assertEquals(200, webhooks.post(group(), BridgeClient.message("m-ad-" + s, chat, sender, "生产部" + s + "-冯班长",
                "加微信领取 刷单返利")).status());
        assertEquals(200, webhooks.post(group(), BridgeClient.message("m-bet-" + s, chat, sender,
                "生产部" + s + "-冯班长", "今晚一起网赌")).status());
        JsonNode violations = await(() -> violationsOf("groupId=" + id), json -> json.path("total").asInt() >= 1);
        assertEquals(1, violations.path("total").asInt(), "the ad is allowed in this group: " + violations);
        JsonNode fined = violations.path("items").get(0);
        assertEquals("CT-6", fined.path("ruleId").asText(), fined.toString());
        assertEquals("gambling", fined.path("category").asText(), fined.toString());
        assertEquals("FINE", fined.path("sanction").asText(), fined.toString());
        assertEquals(100, fined.path("fineYuan").asInt(), fined.toString());
        assertEquals("department", fined.path("policyType").asText(), fined.toString());
        assertEquals(chat, fined.path("chatId").asText(), fined.toString());
    }

    /**
     * A violation found in a webhook reaches its offender across the four packaged services: on WeCom as a message
     * from the app in the person's language, and by e-mail for a person whose bridge takes no messages.
     */
    @Test
    @Order(5)
    void sv1TheSanctionNoticeReachesTheOffenderAsADirectMessageOrAnEmail() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        expect(200, "POST", group() + "/api/directory/import", tokens.issue("hr", "hr-" + s, null), """
                {"departments": [{"id": "SL-%1$s", "name": "销售部%1$s"}],
                 "employees": [
                   {"id": "WU-%1$s", "realName": "吴十", "departmentId": "SL-%1$s", "language": "en",
                    "platformAccounts": {"wecom": "wu%1$s"}},
                   {"id": "GU-%1$s", "realName": "顾十二", "departmentId": "SL-%1$s", "language": "zh-TW",
                    "email": "gu%1$s@corp.example", "platformAccounts": {"generic": "u-gu%1$s"}}]}""".formatted(s));
        String wecomChat = "wecom:app-1000002-wu" + s;
        assertEquals(200, PlatformDeliveries.weCom(group(), "wu" + s, "8" + Math.floorMod(s.hashCode(), 1_000_000_000L),
                "今晚一起网赌"));
        assertEquals(200, webhooks.post(group(), BridgeClient.message("m-" + UUID.randomUUID(), "chat-" + s,
                "u-gu" + s, "销售部-顾十二", "今晚一起网赌")).status());

        FakePlatform.Seen dm = BridgeClient.await(() -> platforms.seen("/wecom/cgi-bin/message/send").stream()
                .filter(seen -> seen.json().path("touser").asText().equals("wu" + s)).findFirst(),
                java.util.Optional::isPresent, Duration.ofSeconds(30)).orElseThrow(
                        () -> new AssertionError("no message reached wu" + s + " on WeCom; notification-service has "
                                + webhooks.get(notices("WU-" + s), tokens.issue("hr", "hr-" + s, null)).body()
                                + "; the platform saw " + platforms.seen("/wecom/cgi-bin/message/send").size()
                                + " app messages"));
        assertTrue(dm.json().path("text").path("content").asText().startsWith("[Qunguan] Policy violation: CT-6"),
                dm.body());
        MimeMessage email = BridgeClient.await(() -> java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(message -> to(message).equals("gu" + s + "@corp.example")).findFirst(),
                java.util.Optional::isPresent, Duration.ofSeconds(30)).orElseThrow(
                        () -> new AssertionError("no e-mail reached gu" + s));
        assertEquals("【群管】違規通知：CT-6", email.getSubject());

        String hr = tokens.issue("hr", "hr-" + s, null);
        JsonNode wu = expect(200, "GET", notices("WU-" + s), hr, null);
        assertEquals("SENT", wu.path(0).path("status").asText(), wu.toString());
        assertEquals("IM", wu.path(0).path("deliveries").path(0).path("channel").asText(), wu.toString());
        assertEquals(wecomChat, wu.path(0).path("groupId").asText());
        JsonNode gu = BridgeClient.await(() -> expect(200, "GET", notices("GU-" + s), hr, null),
                json -> json.path(0).path("status").asText().equals("SENT"), Duration.ofSeconds(10));
        assertEquals("EMAIL", gu.path(0).path("deliveries").path(0).path("channel").asText(), gu.toString());
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Security finding 4: every packaged service, in its production configuration, answers 401 to each forged token
     * of the attack set (no signature, HS256 keyed with the public key, another issuer or audience, expired, too
     * long-lived, too old), and 200 to the operator's real one.
     */
    @Test
    @Order(5)
    void theJwtAttackSetIsRefusedByEveryService() throws Exception {
        Map<String, String> forged = tokens.forgeries("operator", "ops-forger", Files.readAllBytes(publicKey));
        for (String service : List.of("group-service", "moderation-service", "notification-service",
                "reporting-service")) {
            String url = stack.service(service).baseUrl() + "/api/dead-letters";
            BridgeClient.Answer real = webhooks.get(url, tokens.issue("operator", "ops-1", null));
            assertEquals(200, real.status(), service + ": " + real.body());
            forged.forEach((what, token) -> assertEquals(401, webhooks.get(url, token).status(),
                    service + " accepted a token with " + what));
        }
    }

    /**
     * Security finding 9 (IS-3): the packaged services take their secrets only from mounted files — the whole stack
     * here runs so — and one given any other way stops the start, naming it and its source.
     */
    @Test
    @Order(5)
    void is3AServiceGivenASecretOtherThanByAMountedFileRefusesToStart() throws Exception {
        var stray = stack.startWithUnmountedSecrets("reporting-service", Ports.free(),
                Map.of("kafka.ssl.truststore.password", "passed-as-a-system-property"));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (stray.alive()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("reporting-service started with a secret passed as a system property");
                }
                Thread.sleep(200);
            }
            String log = Files.readString(stray.log());
            assertTrue(log.contains("secrets must come from the mounted secret files")
                    && log.contains("kafka.ssl.truststore.password ("), log);
        } finally {
            stray.close();
        }
        assertEquals(200, webhooks.get(stack.service("reporting-service").baseUrl() + "/q/health/ready", null)
                .status(), "the instance given its secrets by files runs on");
    }

    /**
     * Issue 18: the packaged reporting-service, in its production configuration (client secret and session key from
     * mounted files), signs a person in to the dashboard by the OIDC authorization-code flow at the identity provider,
     * and the session opens on a second replica too: the session key is the deployment's, not one replica's.
     */
    @Test
    @Order(5)
    void theDashboardSignsInByTheCodeFlowAndTheSessionOpensOnEveryReplica() throws Exception {
        String base = stack.service("reporting-service").baseUrl();
        var signedIn = stack.identityProvider().signIn(java.net.URI.create(base + "/dashboard"), "hr-system", "hr",
                null);
        var onFirst = page(base + "/dashboard", signedIn.cookies());
        assertEquals(200, onFirst.statusCode(), onFirst.body());
        assertTrue(onFirst.body().contains("hr-system"));
        ServiceProcess replica = stack.startReplica("reporting-service", Ports.free());
        try {
            var onReplica = page(replica.baseUrl() + "/dashboard", signedIn.cookies());
            assertEquals(200, onReplica.statusCode(), onReplica.body());
            assertTrue(onReplica.body().contains("hr-system"));
            // without the session the replica sends to the identity provider as the first does
            var anonymous = page(replica.baseUrl() + "/dashboard", Map.of());
            assertEquals(302, anonymous.statusCode());
            assertTrue(anonymous.headers().firstValue("Location").orElseThrow()
                    .startsWith(stack.identityProvider().url() + "/authorize?"));
        } finally {
            replica.stop();
        }
    }

    private static java.net.http.HttpResponse<String> page(String url, Map<String, String> cookies) throws Exception {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET();
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                        .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList()));
            }
            return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Security finding 8: the packaged services, as production runs them, serve no API document and no Swagger UI. */
    @Test
    @Order(5)
    void productionServesNeitherTheApiDocumentsNorSwaggerUi() {
        for (String service : List.of("group-service", "moderation-service", "notification-service",
                "reporting-service")) {
            String base = stack.service(service).baseUrl();
            assertEquals(404, webhooks.get(base + "/q/openapi", null).status(), service + " serves /q/openapi");
            assertEquals(404, webhooks.get(base + "/q/swagger-ui/", null).status(), service + " serves Swagger UI");
            assertEquals(200, webhooks.get(base + "/q/health/ready", null).status(), service + " is not ready");
        }
    }

    @Test
    @Order(5)
    void oversizedBodyIs413() {
        String body = BridgeClient.message("m-big", "chat-big", "u-x", "x", "字".repeat(400_000));
        assertEquals(413, webhooks.post(group(), body).status());
    }

    /**
     * SV-2 with moderation-service running as two instances on one consumer group: one person's offences in twelve
     * chats, judged on both at once, each get their own number (so never the same rung twice by a race), and every
     * message, delivered twice, is one violation.
     */
    @Test
    @Order(7)
    void sv2TwoModerationInstancesNumberOnePersonsOffencesOnceEachAndBothSwapToAnApprovedLexicon() {
        ServiceProcess replica = stack.startReplica("moderation-service", Ports.free());
        String s = UUID.randomUUID().toString().substring(0, 8);
        String sender = "u-twin-" + s;
        int chats = 12;
        for (int i = 0; i < chats; i++) {
            String body = BridgeClient.message("m-twin-" + s + "-" + i, "twin-" + s + "-" + i, sender, "销售部-双",
                    "周末一起网赌");
            assertEquals(200, webhooks.post(group(), body).status());
            assertEquals(200, webhooks.post(group(), body).status(), "a redelivery is acknowledged too");
        }
        JsonNode page = await(() -> violationsOf("size=50&memberId=" + sender),
                json -> json.path("total").asInt() >= chats);
        assertEquals(chats, page.path("total").asInt(), page.toString());
        List<Integer> offences = new ArrayList<>();
        page.path("items").forEach(item -> offences.add(item.path("offence").asInt()));
        assertEquals(IntStream.rangeClosed(1, chats).boxed().toList(),
                offences.stream().sorted().toList(), "each offence its own number across the two instances");

        // a lexicon change approved on one instance is served by both, told by LexiconApproved on moderation.lexicon
        String moderation = stack.service("moderation-service").baseUrl();
        String proposer = tokens.issue("hr", "hr-lex-" + s, null);
        String term = "外围盘口" + "甲乙丙丁".charAt(Math.floorMod(s.hashCode(), 4));
        int version = expect(201, "POST", moderation + "/api/lexicon/proposals", proposer, """
                {"reason": "seen in betting groups", "changes": [{"file": "gambling.txt", "add": ["%s"]}]}"""
                .formatted(term)).path("version").asInt();
        expect(200, "POST", moderation + "/api/lexicon/proposals/" + version + "/dry-run", proposer,
                "{\"messages\": [\"今晚" + term + "见\"]}");
        expect(200, "POST", replica.baseUrl() + "/api/lexicon/proposals/" + version + "/decision",
                tokens.issue("hr", "hr-lex2-" + s, null), "{\"approve\": true, \"reason\": \"agreed\"}");
        for (String instance : List.of(moderation, replica.baseUrl())) {
            BridgeClient.await(() -> webhooks.call("GET", instance + "/q/metrics", proposer, null).body(),
                    metrics -> metrics.lines().anyMatch(line -> line.startsWith("qunguan_lexicon_version")
                            && line.endsWith(" " + version + ".0")), Duration.ofSeconds(30));
        }
        String bettor = "u-bet-" + s;
        for (int i = 0; i < chats; i++) {
            assertEquals(200, webhooks.post(group(), BridgeClient.message("m-bet-" + s + "-" + i, "bet-" + s + "-" + i,
                    bettor, "销售部-赌", "今晚" + term + "见")).status());
        }
        JsonNode flagged = await(() -> violationsOf("size=50&memberId=" + bettor),
                json -> json.path("total").asInt() >= chats);
        assertEquals(chats, flagged.path("total").asInt(), "every chat's message flagged, whichever instance judged it");
    }

    @Test
    @Order(6)
    void kafkaDownMeans503AndTheSameWebhookIsAcceptedOnceItIsBack() {
        String chat = "chat-" + UUID.randomUUID();
        String body = BridgeClient.message("m-" + UUID.randomUUID(), chat, "u-zheng", "财务部-郑十一", "这是绝密文件");
        stack.kafka().stop();
        try {
            BridgeClient.Answer refused = webhooks.post(group(), body);
            assertEquals(503, refused.status(), refused.body());
        } finally {
            stack.kafka().start();
        }
        // the platform retries until it is answered 200
        BridgeClient.await(() -> webhooks.post(group(), body), answer -> answer.status() == 200,
                Duration.ofSeconds(60));
        JsonNode page = violationsOfGroup(chat, markedBy(chat, "u-zheng", "财务部-郑十一"));
        assertEquals(List.of("CT-4", "CT-4"), rules(page), "the platform's retries are absorbed: " + page);
    }

}
