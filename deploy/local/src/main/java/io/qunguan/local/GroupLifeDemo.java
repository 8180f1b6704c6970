package io.qunguan.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.EventJson;
import io.qunguan.testkit.BridgeClient;
import io.qunguan.testkit.Tokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * The demo's second part: the chat of the conversation becomes a work group (request, approval by the department
 * head, activation), its people join on the platform, and what Qunguan finds about them is shown: the owner's tasks
 * and the membership breaches as violations on the sanctions ladder. The directory gives the people WeCom accounts
 * (孙八 an e-mail address instead), so the notices of both parts reach them. It ends with a leader's task that
 * misses its deadlines (an answer, BH-5; closing it the same day, BH-7), an appeal that reverses the first fine, and a
 * lexicon change proposed, dry-run and approved by a second person that flags the next message.
 */
final class GroupLifeDemo {

    private static final String DIRECTORY = """
            {"departments": [{"id": "ADM", "name": "行政人事部", "headId": "E-ZHOU"}, {"id": "TECH", "name": "技术部"},
                             {"id": "SALES", "name": "销售部"}, {"id": "FIN", "name": "财务部"}],
             "employees": [
               {"id": "E-ZHOU", "realName": "周主任", "departmentId": "ADM", "rank": "director"},
               {"id": "E-ZHANG", "realName": "张三", "departmentId": "ADM", "rank": "manager", "managerId": "E-ZHOU",
                "platformAccounts": {"generic": "u-zhang", "wecom": "zhangsan"}},
               {"id": "E-LI", "realName": "李四", "departmentId": "ADM",
                "platformAccounts": {"generic": "u-li", "wecom": "lisi"}},
               {"id": "E-WANG", "realName": "王五", "departmentId": "TECH", "language": "en",
                "platformAccounts": {"generic": "u-wang", "wecom": "wangwu"}},
               {"id": "E-ZHAO", "realName": "赵六", "departmentId": "SALES",
                "platformAccounts": {"generic": "u-zhao", "wecom": "zhaoliu"}},
               {"id": "E-SUN", "realName": "孙八", "departmentId": "FIN", "language": "zh-TW",
                "email": "sunba@corp.example", "platformAccounts": {"generic": "u-sun"}}]}""";

    /**
     * What the demo's notices come to at least: the offenders' violations (on WeCom, 孙八's by e-mail) and 张三's
     * tasks; the local run waits for them before it shows what arrived. Low-severity ones wait for the digest.
     */
    static final int EXPECTED_DELIVERIES = 16;

    private final BridgeClient client;
    private final Tokens tokens;
    private final String group;
    private final String moderation;
    private final String notification;

    GroupLifeDemo(BridgeClient client, Tokens tokens, int firstPort) {
        this.client = client;
        this.tokens = tokens;
        this.group = "http://127.0.0.1:" + firstPort;
        this.moderation = "http://127.0.0.1:" + (firstPort + 1);
        this.notification = "http://127.0.0.1:" + (firstPort + 2);
    }

    void run(String chat, String reporting) {
        String hr = tokens.issue("hr", "hr-demo", "人力资源部");
        String owner = tokens.issue("employee", "E-ZHANG", "ADM");
        JsonNode imported = call("POST", group + "/api/directory/import", hr, DIRECTORY);
        say("Directory imported (POST /api/directory/import): " + imported.path("employees"));

        JsonNode requested = call("POST", group + "/api/groups", owner, """
                {"typeId": "department", "name": "行政人事部-通知群", "purpose": "部门日常通知与工作协作",
                 "ownerId": "E-ZHANG"}""");
        String id = requested.path("id").asText();
        say("张三 requests 行政人事部-通知群 (GL-1): " + id + " " + requested.path("status").asText()
                + ", waiting for " + requested.path("pendingStep"));
        JsonNode approved = call("POST", group + "/api/groups/" + id + "/decision",
                tokens.issue("employee", "E-ZHOU", "ADM"), "{\"approve\": true, \"reason\": \"部门需要\"}");
        say("周主任, head of 行政人事部, approves (GL-2): " + approved.path("status").asText());
        JsonNode active = call("POST", group + "/api/groups/" + id + "/chats", owner,
                "{\"platform\": \"generic\", \"chatId\": \"" + chat + "\"}");
        say("张三 binds the chat generic:" + chat + " (GL-1): " + active.path("status").asText()
                + "; announcement due " + active.path("announcementDueAt").asText() + " (GL-6)");

        say("People join the chat on the platform (POST /webhooks/generic, member_joined):");
        joins(chat, "u-zhang", "行政人事部-张三", null);
        joins(chat, "u-li", "行政人事部-李四", "u-zhang");
        joins(chat, "u-wang", "技术部-王五", "u-li");
        joins(chat, "u-zhao", "赵六", "u-zhang");
        joins(chat, "u-guest", "路人甲", "u-zhao");

        JsonNode violations = BridgeClient.await(() -> call("GET", reporting + "/api/violations?size=50&groupId="
                + URLEncoder.encode(id, StandardCharsets.UTF_8), hr, null), page -> page.path("total").asInt() >= 3,
                Duration.ofSeconds(20));
        say("Membership violations of the group (GET /api/violations?groupId=" + id + "): "
                + violations.path("total").asInt());
        violations.path("items").forEach(item -> System.out.printf("  %-5s %-22s %-8s %s%n",
                item.path("ruleId").asText(), LocalRun.sanction(item), item.path("memberId").asText(),
                item.path("evidence").asText()));
        JsonNode tasks = call("GET", group + "/api/groups/" + id + "/tasks", owner, null);
        say("张三's tasks for the group (GET /api/groups/" + id + "/tasks): " + tasks.size());
        tasks.forEach(task -> System.out.printf("  %-20s %-5s %s%n", task.path("kind").asText(),
                task.path("ruleId").asText(), task.path("detail").asText()));
        behaviour(chat, id, hr, reporting);
        acknowledgements(chat, id, hr, reporting);
        meetings(chat, id, hr, reporting);
        deadlinesAndAppeal(chat, id, hr, reporting);
        managedLexicon(chat, id, hr, reporting);
        archiveAndSupervision(id, reporting);
        assessment(hr, reporting);
    }

    /** SV-3: this month's assessment, as HR sees it: each person's score and the departments rolled up. */
    private void assessment(String hr, String reporting) {
        JsonNode report = call("GET", reporting + "/api/assessment", hr, null);
        say("HR's assessment of this month (GET :8084/api/assessment, weights version "
                + report.path("weightsVersion").asInt() + "): score, violations, fines, deadlines missed");
        report.path("people").forEach(person -> System.out.printf("  %-8s %-4s %-6s %5.1f  %2d violations  %3d yuan"
                + "  %d missed%n", person.path("employeeId").asText(), person.path("name").asText(),
                person.path("departmentId").asText(), person.path("score").asDouble(),
                person.path("violations").asInt(), person.path("finesYuan").asInt(), person.path("missed").asInt()));
        report.path("departments").forEach(department -> System.out.printf("  %-6s %-6s %d people, average %5.1f%n",
                department.path("departmentId").asText(), department.path("name").asText(),
                department.path("people").asInt(), department.path("averageScore").asDouble()));
    }

    /**
     * IS-2 and SV-5: every message above is in reporting-service's archive with its full text, the one place it
     * lives; an auditor searches it and the search is in the access log; a supervision team member reads 王五's
     * records only once an auditor has approved the request, for two hours.
     */
    private void archiveAndSupervision(String id, String reporting) {
        String auditor = tokens.issue("auditor", "A-QIAN", null);
        String search = reporting + "/api/archive/messages?q=" + URLEncoder.encode("红包", StandardCharsets.UTF_8)
                + "&groupId=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        JsonNode found = BridgeClient.await(() -> call("GET", search, auditor, null),
                page -> page.path("items").size() >= 1, Duration.ofSeconds(20));
        say("An auditor searches the archive for 红包 in the group (GET :8084/api/archive/messages?groupId=…&q=红包): "
                + found.path("items").size() + " message(s), full text:");
        found.path("items").forEach(item -> System.out.printf("  %s %-8s %s%n", item.path("sentAt").asText(),
                item.path("senderEmployeeId").asText(), item.path("text").asText()));
        JsonNode logged = call("GET", reporting + "/api/archive/access-log?actor=A-QIAN", auditor, null);
        say("The search is in the append-only access log (GET :8084/api/archive/access-log): "
                + logged.path(0).path("action").asText() + " " + logged.path(0).path("request").asText() + ", "
                + logged.path(0).path("returned").asInt() + " returned");

        String supervisor = tokens.issue("supervisor", "S-FENG", null);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        JsonNode request = call("POST", reporting + "/api/supervision/requests", supervisor, """
                {"subjectKind": "PERSON", "subjectId": "E-WANG", "from": "%s", "to": "%s",
                 "reason": "季度督查：休息时间的工作消息"}""".formatted(now.minusDays(7), now.plusHours(1)));
        String requestId = request.path("id").asText();
        say("A supervisor requests 王五's records of the last week (SV-5, POST :8084/api/supervision/requests): "
                + request.path("status").asText());
        JsonNode approved = call("POST", reporting + "/api/supervision/requests/" + requestId + "/decision", auditor,
                "{\"approve\": true, \"reason\": \"督查计划内\", \"hours\": 2}");
        say("The auditor approves it: " + approved.path("status").asText() + " until "
                + approved.path("accessUntil").asText());
        JsonNode records = call("GET", reporting + "/api/supervision/requests/" + requestId + "/messages", supervisor,
                null);
        say("The supervisor reads them (every read logged with the request's reason): "
                + records.path("items").size() + " message(s)");
        records.path("items").forEach(item -> System.out.printf("  %s %s%n", item.path("sentAt").asText(),
                item.path("text").asText()));
    }

    /**
     * The lexicon as managed policy: one HR person proposes a term, dry-runs it on a sample of the company's messages,
     * a second approves it, and the next message with the term is flagged by the version every instance swapped to.
     */
    private void managedLexicon(String chat, String id, String hr, String reporting) {
        JsonNode proposed = call("POST", moderation + "/api/lexicon/proposals", hr, """
                {"reason": "本地赌球群用「外围盘口」招人", "changes": [{"file": "gambling.txt", "add": ["外围盘口"]}]}""");
        int version = proposed.path("version").asInt();
        say("HR proposes 外围盘口 for the gambling lexicon (POST :8082/api/lexicon/proposals): version " + version
                + " " + proposed.path("status").asText() + ", based on version " + proposed.path("basedOn").asInt());
        JsonNode dryRun = call("POST", moderation + "/api/lexicon/proposals/" + version + "/dry-run", hr, """
                {"messages": ["今晚外围盘口开了，私聊", "下周一例会改到三楼", "网上赌博害人"]}""");
        say("Dry run on a sample of 3 messages: flagged " + dryRun.path("flaggedBefore").asInt() + " before, "
                + dryRun.path("flaggedAfter").asInt() + " after; message #" + dryRun.path("differences").path(0)
                .path("index").asInt() + " now " + dryRun.path("differences").path(0).path("after"));
        JsonNode approved = call("POST", moderation + "/api/lexicon/proposals/" + version + "/decision",
                tokens.issue("hr", "hr-second", "人力资源部"), "{\"approve\": true, \"reason\": \"已核实\"}");
        say("A second HR person approves: " + approved.path("status").asText()
                + "; every moderation-service instance swaps to it (LexiconApproved on moderation.lexicon)");
        // the swap follows the event: the instance's gauge says which version it serves
        BridgeClient.await(() -> client.call("GET", moderation + "/q/metrics", hr, null).body(),
                metrics -> metrics.lines().anyMatch(line -> line.startsWith("qunguan_lexicon_version")
                        && line.endsWith(" " + version + ".0")), Duration.ofSeconds(20));
        post(chat, "u-zhao", "赵六", "外围盘口今晚开，有兴趣私聊",
                OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.MINUTES));
        JsonNode flagged = BridgeClient.await(() -> call("GET", reporting + "/api/violations?size=50&ruleId=CT-6"
                + "&groupId=" + URLEncoder.encode(id, StandardCharsets.UTF_8), hr, null),
                page -> page.path("items").findValues("evidence").stream()
                        .anyMatch(evidence -> evidence.asText().contains("外围盘口")), Duration.ofSeconds(30));
        JsonNode item = EventJson.MAPPER.createObjectNode();
        for (JsonNode found : flagged.path("items")) {
            if (found.path("evidence").asText().contains("外围盘口")) {
                item = found;
            }
        }
        System.out.printf("  %-5s %-16s %-22s %s%n", item.path("ruleId").asText(), item.path("category").asText(),
                LocalRun.sanction(item), item.path("evidence").asText());
    }

    /**
     * BH-5 and SV-6: 张三, the group's owner, gives 李四 and 王五 a task at 10:00 on the last working day; 李四 answers
     * ten minutes later, 王五 never does, and his deadline (30 minutes) has passed, so the timer makes it a BH-5
     * violation with the type's fine. 王五 appeals; 周主任, head of the owner's department, upholds it: the violation
     * is reversed, the fine is off his record, and he is told.
     */
    private void deadlinesAndAppeal(String chat, String id, String hr, String reporting) {
        say("张三 gives 李四 and 王五 a task (BH-5, 30 minutes to answer); 李四 answers ten minutes later, 王五 does not:");
        OffsetDateTime task = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(1).withHour(10).withMinute(0)
                .withSecond(0).withNano(0);
        while (task.getDayOfWeek().getValue() > 5) {
            task = task.minusDays(1);
        }
        post(chat, "u-zhang", "行政人事部-张三", "@李四 @王五 请今天下班前把消防演练的签到表发我", task, "u-li", "u-wang");
        post(chat, "u-li", "行政人事部-李四", "好的，中午前发您", task.plusMinutes(10));
        // BH-7: the same task is to be closed by the end of the working day; 李四 says it is done, 王五 never does
        post(chat, "u-li", "行政人事部-李四", "签到表已发您邮箱了", task.plusHours(2));
        JsonNode missed = BridgeClient.await(() -> call("GET", reporting + "/api/violations?size=50&ruleId=BH-5&groupId="
                + URLEncoder.encode(id, StandardCharsets.UTF_8), hr, null), page -> page.path("total").asInt() >= 1,
                Duration.ofSeconds(60));
        BridgeClient.await(() -> call("GET", reporting + "/api/violations?size=50&ruleId=BH-7&groupId="
                + URLEncoder.encode(id, StandardCharsets.UTF_8), hr, null), page -> page.path("total").asInt() >= 1,
                Duration.ofSeconds(60));
        JsonNode deadlines = call("GET", moderation + "/api/deadlines?limit=10", hr, null);
        say("The deadlines (GET :8082/api/deadlines): to answer (BH-5) and to close the same day (BH-7):");
        deadlines.forEach(deadline -> System.out.printf("  %-5s %-16s %-8s %-7s %s%n", deadline.path("ruleId").asText(),
                deadline.path("kind").asText(), deadline.path("memberId").asText(), deadline.path("status").asText(),
                deadline.path("responseSeconds").isNull() ? "not met"
                        : "met in " + deadline.path("responseSeconds").asInt() / 60 + " min"));
        JsonNode violation = missed.path("items").path(0);
        System.out.printf("  %-5s %-22s %-8s %s%n", violation.path("ruleId").asText(), LocalRun.sanction(violation),
                violation.path("memberId").asText(), violation.path("evidence").asText());

        String wang = tokens.issue("employee", "E-WANG", "TECH");
        JsonNode appeal = call("POST", moderation + "/api/violations/" + violation.path("id").asText() + "/appeals",
                wang, "{\"reason\": \"我当时在客户现场开会，会后已电话回复张三\"}");
        say("王五 appeals (SV-6, POST :8082/api/violations/…/appeals): " + appeal.path("status").asText()
                + ", to be decided by " + appeal.path("decideBy").asText());
        JsonNode decided = call("POST", moderation + "/api/appeals/" + appeal.path("id").asText() + "/decision",
                tokens.issue("dept-head", "E-ZHOU", "ADM"), "{\"uphold\": true, \"reason\": \"已电话回复，情况属实\"}");
        say("周主任, head of the owner's department, decides: " + decided.path("status").asText());
        JsonNode reversed = BridgeClient.await(() -> call("GET", reporting + "/api/violations?size=50&ruleId=BH-5"
                + "&groupId=" + URLEncoder.encode(id, StandardCharsets.UTF_8), hr, null),
                page -> !page.path("items").path(0).path("reversedAt").isNull(), Duration.ofSeconds(20));
        JsonNode record = call("GET", moderation + "/api/people/E-WANG/offences", wang, null);
        say("Reversed in reporting (\"" + reversed.path("items").path(0).path("reversalReason").asText()
                + "\"); 王五's fines on record now: ¥" + record.path("finesYuan").asInt()
                + " (the BH-7 fine for the task he never closed stands: he did not appeal it)");
        JsonNode outcome = BridgeClient.await(() -> call("GET", notification + "/api/people/E-WANG/notices", wang,
                null), notices -> notices.findValues("kind").stream().anyMatch(kind -> kind.asText()
                .equals("APPEAL_OUTCOME")), Duration.ofSeconds(20));
        outcome.forEach(notice -> {
            if (notice.path("kind").asText().equals("APPEAL_OUTCOME")) {
                say("王五 is told (" + notice.path("language").asText() + "): "
                        + notice.path("body").asText().replace('\n', ' '));
            }
        });
    }

    /**
     * BH-6: 张三 posts a notice in the work group; 李四 and 王五 acknowledge it, 赵六 and the guest do not. The notice is
     * posted as if just under an hour ago, so the reminder goes at once and the type's hour runs out in seconds; then
     * the two who stayed silent have BH-6 violations.
     */
    private void acknowledgements(String chat, String id, String hr, String reporting) {
        say("张三 posts a notice that everyone must acknowledge (BH-6); 李四 and 王五 reply, 赵六 and 路人甲 do not:");
        OffsetDateTime posted = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(60).plusSeconds(15)
                .withNano(0);
        post(chat, "u-zhang", "行政人事部-张三", "【通知】本周五下午3点消防演练，请全体同事准时到一楼大厅集合", posted);
        post(chat, "u-li", "行政人事部-李四", "收到", posted.plusSeconds(20));
        post(chat, "u-wang", "技术部-王五", "好的，马上执行", posted.plusSeconds(30));
        JsonNode overdue = BridgeClient.await(() -> call("GET", reporting + "/api/violations?size=50&ruleId=BH-6&groupId="
                + URLEncoder.encode(id, StandardCharsets.UTF_8), hr, null), page -> page.path("total").asInt() >= 2,
                Duration.ofSeconds(60));
        say("An hour after the notice, who did not acknowledge it (GET /api/violations?ruleId=BH-6): "
                + overdue.path("total").asInt());
        overdue.path("items").forEach(item -> System.out.printf("  %-5s %-22s %-8s %s%n",
                item.path("ruleId").asText(), LocalRun.sanction(item), item.path("memberId").asText(),
                item.path("evidence").asText()));
        JsonNode notices = call("GET", notification + "/api/groups/" + id + "/notices", hr, null);
        say("Who acknowledged (GET :8083/api/groups/" + id + "/notices): " + notices.path(0).path("acknowledged")
                .asInt() + " of " + notices.path(0).path("members").size() + ", reminded: "
                + notices.path(0).path("members").findValues("reminders").stream().mapToInt(JsonNode::asInt).sum());
    }

    /**
     * MT-1 and MT-2: 张三's first meeting notice went out two hours ahead without an agenda and no minutes followed; the
     * second went out 28 hours ahead with every part and its minutes are posted now. The notices carry times in the
     * past, so both meetings are over and the first one's minutes are overdue.
     */
    private void meetings(String chat, String id, String hr, String reporting) {
        say("张三 noticed two meetings (MT-1): one 2 h ahead without an agenda, one 28 h ahead; minutes only for the "
                + "second (MT-2):");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withSecond(0).withNano(0);
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        OffsetDateTime review = now.minusHours(48);
        post(chat, "u-zhang", "行政人事部-张三", "【会议通知】主题：季度复盘；时间：" + review.format(clock) + "-"
                + review.plusHours(1).toLocalTime() + "；地点：三楼会议室", review.minusHours(2));
        OffsetDateTime safety = now.minusHours(2);
        post(chat, "u-zhang", "行政人事部-张三", "【会议通知】主题：安全例会；时间：" + safety.format(clock) + "-"
                + safety.plusHours(1).toLocalTime() + "；地点：一楼大厅；议程：消防通道检查、灭火器盘点",
                safety.minusHours(28));
        String meetings = notification + "/api/groups/" + id + "/meetings";
        BridgeClient.await(() -> call("GET", meetings, hr, null), list -> list.size() >= 2, Duration.ofSeconds(20));
        post(chat, "u-zhang", "行政人事部-张三", "【会议纪要】安全例会：消防通道已清理，灭火器下周更换，负责人李四", now);
        JsonNode held = BridgeClient.await(() -> call("GET", meetings, hr, null),
                list -> list.findValues("minutesAt").stream().anyMatch(at -> !at.isNull()), Duration.ofSeconds(20));
        say("The group's meetings (GET :8083/api/groups/" + id + "/meetings):");
        held.forEach(meeting -> System.out.printf("  %-6s minutes %-5s participants %d  %s%n",
                meeting.path("topic").asText(), meeting.path("minutesAt").isNull() ? "none" : "sent",
                meeting.path("participants").size(), meeting.path("problems")));
        for (String rule : List.of("MT-1", "MT-2")) {
            JsonNode found = BridgeClient.await(() -> call("GET", reporting + "/api/violations?size=50&ruleId=" + rule
                    + "&groupId=" + URLEncoder.encode(id, StandardCharsets.UTF_8), hr, null),
                    page -> page.path("total").asInt() >= 1, Duration.ofSeconds(30));
            found.path("items").forEach(item -> System.out.printf("  %-5s %-22s %-8s %s%n",
                    item.path("ruleId").asText(), LocalRun.sanction(item), item.path("memberId").asText(),
                    item.path("evidence").asText()));
        }
    }

    /**
     * The group now lives by the department type's policy: a run of short messages (BH-1), a message at night and an
     * urgent one (BH-2), judged by moderation-service from the group's snapshot on group.state.
     */
    private void behaviour(String chat, String id, String hr, String reporting) {
        say("The group is judged by its type's policy (GET :8082/api/groups/" + id + "/moderation-policy); "
                + "李四 sends five short messages in a row, 王五 writes at night:");
        OffsetDateTime morning = OffsetDateTime.now(ZoneOffset.ofHours(8)).withHour(9).withMinute(30).withSecond(0)
                .withNano(0);
        String[] shortOnes = {"在吗", "看下", "群公告", "急", "回我"};
        for (int i = 0; i < shortOnes.length; i++) {
            post(chat, "u-li", "行政人事部-李四", shortOnes[i], morning.plusSeconds(10L * i));
        }
        OffsetDateTime night = morning.minusDays(1).withHour(23).withMinute(40);
        post(chat, "u-wang", "技术部-王五", "明天的方案我再改一版，大家看看", night);
        post(chat, "u-wang", "技术部-王五", "【紧急】线上订单系统故障，请技术部值班同事马上处理", night.plusMinutes(5));
        JsonNode found = BridgeClient.await(() -> call("GET", reporting + "/api/violations?size=50&ruleId=BH-2&groupId="
                + URLEncoder.encode(id, StandardCharsets.UTF_8), hr, null), page -> page.path("total").asInt() >= 2,
                Duration.ofSeconds(20));
        JsonNode runs = call("GET", reporting + "/api/violations?size=50&ruleId=BH-1&groupId="
                + URLEncoder.encode(id, StandardCharsets.UTF_8), hr, null);
        say("Behaviour violations (GET /api/violations?ruleId=BH-1|BH-2): "
                + (runs.path("total").asInt() + found.path("total").asInt()));
        for (JsonNode page : List.of(runs, found)) {
            page.path("items").forEach(item -> System.out.printf("  %-5s %-22s %-8s %s%n",
                    item.path("ruleId").asText(), LocalRun.sanction(item), item.path("memberId").asText(),
                    item.path("evidence").asText()));
        }
        socialGroup(chat, id, hr, reporting);
    }

    /**
     * A social group (GL-7: the only place for chit-chat and festive greetings): what is a CT-1 violation in the work
     * group is fine there; gambling is not fine anywhere.
     */
    private void socialGroup(String workChat, String workId, String hr, String reporting) {
        String wang = tokens.issue("employee", "E-WANG", "TECH");
        JsonNode requested = call("POST", group + "/api/groups", wang, """
                {"typeId": "social", "name": "兴趣-羽毛球群", "purpose": "周末羽毛球活动", "ownerId": "E-WANG"}""");
        String id = requested.path("id").asText();
        call("POST", group + "/api/groups/" + id + "/chats", wang, "{\"platform\": \"generic\", \"chatId\": \"badminton\"}");
        String policy = moderation + "/api/groups/" + id + "/moderation-policy";
        BridgeClient.await(() -> client.get(policy, hr).json(), json -> json != null && json.has("typeId"),
                Duration.ofSeconds(20));
        say("王五 opens 兴趣-羽毛球群 (social, no approval) and both groups hear the same chit-chat:");
        OffsetDateTime noon = OffsetDateTime.now(ZoneOffset.ofHours(8)).withHour(12).withMinute(5).withSecond(0)
                .withNano(0);
        String[] chat = {"中午吃什么，火锅还是烧烤", "祝大家新年快乐！", "抢红包啦！"};
        for (int i = 0; i < chat.length; i++) {
            post("badminton", "u-zhao", "赵六", chat[i], noon.plusMinutes(i));
            post(workChat, "u-zhao", "销售部-赵六", chat[i], noon.plusMinutes(i));
        }
        post("badminton", "u-zhao", "赵六", "周末一起网赌", noon.plusMinutes(5));
        JsonNode inSocial = BridgeClient.await(() -> call("GET", reporting + "/api/violations?size=50&groupId="
                + URLEncoder.encode(id, StandardCharsets.UTF_8), hr, null), page -> page.path("total").asInt() >= 1,
                Duration.ofSeconds(20));
        // the two groups' messages travel on different partitions: wait for the work group's own
        JsonNode inWork = BridgeClient.await(() -> call("GET", reporting + "/api/violations?size=50&ruleId=CT-1&groupId="
                + URLEncoder.encode(workId, StandardCharsets.UTF_8), hr, null), page -> page.path("total").asInt() >= 3,
                Duration.ofSeconds(20));
        say("CT-1 in 行政人事部-通知群: " + inWork.path("total").asInt() + "; in 兴趣-羽毛球群 only "
                + inSocial.path("total").asInt() + " violation, " + inSocial.path("items").path(0).path("category")
                .asText() + " (chit-chat, greetings and red packets are allowed there)");
        inWork.path("items").forEach(item -> System.out.printf("  %-5s %-16s %-22s %s%n", item.path("ruleId").asText(),
                item.path("category").asText(), LocalRun.sanction(item), item.path("evidence").asText()));
    }

    private void post(String chat, String sender, String name, String text, OffsetDateTime sentAt,
            String... mentions) {
        var body = EventJson.MAPPER.createObjectNode();
        body.put("id", "demo-" + UUID.randomUUID());
        body.put("type", "message");
        body.putObject("chat").put("id", chat).put("name", "行政人事部-通知群");
        body.putObject("sender").put("id", sender).put("name", name);
        body.put("kind", "text");
        body.put("text", text);
        body.put("sentAt", sentAt.toString());
        var mentioned = body.putArray("mentions");
        for (String mention : mentions) {
            mentioned.add(mention);
        }
        BridgeClient.Answer answer = client.post(group, body.toString());
        // a message from another day shows its date
        String when = sentAt.toLocalDate().equals(OffsetDateTime.now(sentAt.getOffset()).toLocalDate())
                ? sentAt.toLocalTime().toString() : sentAt.toLocalDate().toString().substring(5) + " " + sentAt.toLocalTime();
        System.out.printf("  %s %s %-14s %s%n", answer.status(), when, name, text);
    }

    private void joins(String chat, String member, String nickname, String invitedBy) {
        BridgeClient.Answer answer = client.post(group, BridgeClient.memberJoined(chat, member, nickname, invitedBy));
        System.out.printf("  %s %-16s added by %s%n", answer.status(), nickname, invitedBy == null ? "—" : invitedBy);
    }

    private JsonNode call(String method, String url, String token, String json) {
        BridgeClient.Answer answer = client.call(method, url, token, json);
        if (answer.status() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    private static void say(String line) {
        System.out.println("[qunguan] " + line);
    }
}
