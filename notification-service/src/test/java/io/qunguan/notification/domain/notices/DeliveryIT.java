package io.qunguan.notification.domain.notices;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.DepartmentChanged;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.GroupTaskOpened;
import io.qunguan.events.Language;
import io.qunguan.events.PersonnelChanged.Change;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.notification.domain.directory.DirectoryReplica;
import io.qunguan.notification.mail.MailServerResource;
import io.qunguan.testkit.FakePlatform.Scripted;
import io.qunguan.testkit.FakePlatform.Seen;
import io.qunguan.testkit.FakePlatform;
import io.qunguan.testkit.FakePlatformResource;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.qunguan.testkit.Violations;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Notices reach people over real channels: a direct message on the person's platform (the local fake platform over
 * HTTP) in their language, e-mail over real SMTP (GreenMail) when the platform refuses, a notice waiting for the
 * directory until it places the platform user, HR's queue, and the operators' queue when nothing reaches a person.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(FakePlatformResource.class)
@WithTestResource(MailServerResource.class)
class DeliveryIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final String HR = TOKENS.issue("hr", "hr-1", null);
    private static final String OPERATOR = TOKENS.issue("operator", "ops-1", null);
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    DirectoryReplica directory;

    @Inject
    Notices notices;

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static FakePlatform platform() {
        return FakePlatformResource.platform();
    }

    private static void publish(EventPayload... payloads) {
        try (KafkaProbe probe = KafkaResource.probe()) {
            for (EventPayload payload : payloads) {
                probe.publish(EventEnvelope.fresh("/test", payload));
            }
        }
    }

    private static EmployeeChanged person(String id, String department, Map<String, String> accounts, String email,
            Language language) {
        return new EmployeeChanged(id, Change.HIRED, "测试" + id, department, null, null, "staff", null, false, true,
                accounts, email, language, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static ViolationOpened violation(String groupId, String member, String rule, String sanction) {
        return Violations.inChat(groupId, member, rule, "personal-data", Severity.HIGH, "身份证号 110105********002X",
                sanction);
    }

    @Test
    void sv1AViolationReachesTheOffenderAsADirectMessageInTheirLanguage() {
        String s = run();
        publish(person("E1-" + s, "D-" + s, Map.of("wecom", "zs-" + s), "zs-" + s + "@corp.example", Language.EN));
        Awaitility.await().atMost(WITHIN).until(() -> known("wecom", "zs-" + s));
        publish(violation("wecom:chat-" + s, "zs-" + s, "CT-4", "WARNING"));

        Seen sent = Awaitility.await().atMost(WITHIN).until(() -> platform().seen("/wecom/cgi-bin/message/send")
                .stream().filter(seen -> seen.json().path("touser").asText().equals("zs-" + s)).findFirst(),
                Optional::isPresent).orElseThrow();
        String content = sent.json().path("text").path("content").asText();
        assertTrue(content.startsWith("[Qunguan] Policy violation: CT-4"), content);
        assertTrue(content.contains("110105********002X") && content.contains("appeal"), content);
        assertEquals(1000002, sent.json().path("agentid").asInt());

        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(employee("E1-" + s))
                .get("/api/people/{id}/notices", "E1-" + s).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].status", equalTo("SENT")).body("[0].language", equalTo("en"))
                .body("[0].subject", equalTo("[Qunguan] Policy violation: CT-4"))
                .body("[0].deliveries", hasSize(1)).body("[0].deliveries[0].channel", equalTo("IM"))
                .body("[0].deliveries[0].destination", equalTo("wecom:zs-" + s)));
    }

    @Test
    void whenThePlatformRefusesTheNoticeFallsBackToEmailInThePersonsLanguage() throws Exception {
        String s = run();
        String path = "/dingtalk/topapi/message/corpconversation/asyncsend_v2";
        platform().answer(path, Scripted.ok("{\"errcode\":33012,\"errmsg\":\"无效的USERID\"}"));
        try {
            publish(person("E2-" + s, "D-" + s, Map.of("dingtalk", "li-" + s), "li-" + s + "@corp.example",
                    Language.ZH_TW));
            Awaitility.await().atMost(WITHIN).until(() -> known("dingtalk", "li-" + s));
            publish(violation("dingtalk:cid-" + s, "li-" + s, "CT-6", "MUTE"));

            MimeMessage mail = Awaitility.await().atMost(WITHIN).until(() -> MailServerResource.received().stream()
                    .filter(message -> recipient(message).equals("li-" + s + "@corp.example")).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertEquals("【群管】違規通知：CT-6", mail.getSubject());
            String body = mail.getContent().toString();
            assertTrue(body.contains("110105********002X") && body.contains("申訴"), body);
            assertTrue(platform().seen(path).stream().anyMatch(seen -> seen.json().path("userid_list").asText()
                    .equals("li-" + s)), "the platform was asked first");

            Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(HR)
                    .get("/api/people/{id}/notices", "E2-" + s).then().statusCode(200)
                    .body("[0].status", equalTo("SENT")).body("[0].urgent", equalTo(true))
                    .body("[0].deliveries[0].channel", equalTo("IM"))
                    .body("[0].deliveries[0].status", equalTo("FAILED"))
                    .body("[0].deliveries[0].detail", containsString("33012"))
                    .body("[0].deliveries[1].channel", equalTo("EMAIL"))
                    .body("[0].deliveries[1].status", equalTo("SENT"))
                    .body("[0].deliveries[1].destination", equalTo("mail:l***@corp.example")));
        } finally {
            platform().answer(path, Scripted.ok("{\"errcode\":0}"));
        }
    }

    @Test
    void aNoticeForAPlatformUserTheDirectoryDoesNotKnowWaitsAndIsSentOnceItDoes() {
        String s = run();
        publish(violation("slack:C-" + s, "U-" + s, "CT-2", "REMINDER"));
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(OPERATOR)
                .get("/api/notices?status=UNRESOLVED&limit=200").then().statusCode(200)
                .body("find { it.address == 'slack:U-" + s + "' }.subject", nullValue())
                .body("find { it.address == 'slack:U-" + s + "' }.kind", equalTo("VIOLATION")));
        assertTrue(platform().seen("/slack/api/chat.postMessage").stream()
                .noneMatch(seen -> seen.json().path("channel").asText().equals("U-" + s)));

        publish(person("E3-" + s, "D-" + s, Map.of("slack", "U-" + s), null, null));
        Seen sent = Awaitility.await().atMost(WITHIN).until(() -> platform().seen("/slack/api/chat.postMessage")
                .stream().filter(seen -> seen.json().path("channel").asText().equals("U-" + s)).findFirst(),
                Optional::isPresent).orElseThrow();
        assertTrue(sent.json().path("text").asText().startsWith("【群管】违规通知：CT-2"), "the company's language");
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(HR)
                .get("/api/people/{id}/notices", "E3-" + s).then().statusCode(200)
                .body("[0].status", equalTo("SENT")).body("[0].recipientId", equalTo("E3-" + s)));
    }

    /**
     * A person's first violation consumed at the same moment as the directory's news of them: the violation's
     * transaction finds no account and records the notice as waiting, the directory's transaction writes the account
     * before that notice is committed. The notice must still be addressed, not wait for ever.
     */
    @Test
    void aNoticeRecordedWhileTheDirectoryPlacesItsRecipientIsAddressedOnceBothCommit() throws Exception {
        String s = run();
        EventEnvelope<ViolationOpened> opened = EventEnvelope.fresh("/test",
                violation("slack:C9-" + s, "U9-" + s, "CT-2", "REMINDER"));
        EventEnvelope<EventPayload> hired = EventEnvelope.fresh("/test",
                person("E9-" + s, "D-" + s, Map.of("slack", "U9-" + s), null, null));
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> violation = threads.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                notices.violationOpened(opened);
                recorded.countDown();
                awaitLatch(commit);
            }));
            assertTrue(recorded.await(WITHIN.toSeconds(), TimeUnit.SECONDS), "the violation's notice was recorded");
            Future<?> directoryUpdate = threads.submit(() ->
                    QuarkusTransaction.requiringNew().run(() -> directory.apply(hired)));
            // the directory's transaction either commits before the notice does, or waits for the notice's address
            Awaitility.await().atMost(WITHIN).until(() -> directoryUpdate.isDone() || waitingForAnAddress());
            commit.countDown();
            violation.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            directoryUpdate.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
        } finally {
            commit.countDown();
            threads.shutdownNow();
        }
        Notice notice = QuarkusTransaction.requiringNew().call(() ->
                Notice.<Notice>find("subjectId", opened.data().violationId()).singleResult());
        assertEquals("E9-" + s, notice.recipientId);
        assertTrue(notice.status != Notice.Status.UNRESOLVED, "the notice was addressed: " + notice.status);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the transaction commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether a transaction of this service waits for a notice address's lock. */
    private boolean waitingForAnAddress() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Notice.getEntityManager().createNativeQuery("""
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND NOT l.granted AND a.query LIKE '%hashtextextended%'""")
                .getSingleResult()).longValue() > 0);
    }

    @Test
    void aTaskForAPersonTheDirectoryHasNotDescribedYetWaitsForThemInsteadOfFailing() {
        String s = run();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        publish(new GroupTaskOpened(3L, "g-" + s, "PUBLISH_ANNOUNCEMENT", "GL-6", "E7-" + s, "", "发布群公告",
                now.plusDays(3), now));
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(OPERATOR)
                .get("/api/notices?status=UNRESOLVED&limit=200").then().statusCode(200)
                .body("find { it.recipientId == 'E7-" + s + "' }.kind", equalTo("GROUP_TASK")));

        publish(person("E7-" + s, "D-" + s, Map.of("slack", "U7" + s), null, null));
        Awaitility.await().atMost(WITHIN).until(() -> platform().seen("/slack/api/chat.postMessage").stream()
                .anyMatch(seen -> seen.json().path("channel").asText().equals("U7" + s)));
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(employee("E7-" + s))
                .get("/api/people/{id}/notices", "E7-" + s).then().statusCode(200)
                .body("[0].status", equalTo("SENT")).body("[0].subject", containsString("GL-6")));
    }

    @Test
    void tasksForNobodyWaitInHrsQueueAndANoticeNoChannelCanDeliverWaitsForOperators() {
        String s = run();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        publish(person("E4-" + s, "D-" + s, Map.of("generic", "u4-" + s), null, Language.ZH_CN));
        Awaitility.await().atMost(WITHIN).until(() -> known("generic", "u4-" + s));
        publish(new GroupTaskOpened(1L, "g-" + s, "TAKE_OVER", "GL-5", null, "", "群主已离职，请指定新群主", null, now),
                new GroupTaskOpened(2L, "g-" + s, "PUBLISH_ANNOUNCEMENT", "GL-6", "E4-" + s, "", "发布群公告",
                        now.plusDays(3), now));

        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(HR)
                .get("/api/notices?status=QUEUED&audience=hr&limit=200").then().statusCode(200)
                .body("find { it.groupId == 'g-" + s + "' }.body", containsString("群主已离职")));
        given().auth().oauth2(OPERATOR).get("/api/notices?status=QUEUED&audience=hr").then().statusCode(403);
        // a generic bridge takes no messages and the person has no e-mail: nothing reaches them
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(OPERATOR)
                .get("/api/notices?status=FAILED&limit=200").then().statusCode(200)
                .body("find { it.recipientId == 'E4-" + s + "' }.kind", equalTo("GROUP_TASK"))
                .body("find { it.recipientId == 'E4-" + s + "' }.body", nullValue()));
    }

    @Test
    void aPersonReadsTheirOwnNoticesTheirDepartmentHeadTheirPeoplesAndNobodyElseAnyones() {
        String s = run();
        publish(new DepartmentChanged("D-" + s, "市场部" + s, null, "HEAD-" + s, true, OffsetDateTime.now(ZoneOffset.UTC)),
                person("E5-" + s, "D-" + s, Map.of("feishu", "ou_" + s), null, null),
                person("HEAD-" + s, "D-" + s, Map.of(), null, null));
        Awaitility.await().atMost(WITHIN).until(() -> known("feishu", "ou_" + s));
        publish(violation("feishu:oc_" + s, "ou_" + s, "CT-3", "REMINDER"));
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(employee("E5-" + s))
                .get("/api/people/{id}/notices", "E5-" + s).then().statusCode(200).body("$", hasSize(1)));

        given().auth().oauth2(TOKENS.issue("dept-head", "HEAD-" + s, "D-" + s))
                .get("/api/people/{id}/notices", "E5-" + s).then().statusCode(200).body("$", hasSize(1));
        given().auth().oauth2(TOKENS.issue("dept-head", "OTHER-HEAD-" + s, "D-" + s))
                .get("/api/people/{id}/notices", "E5-" + s).then().statusCode(403);
        given().auth().oauth2(employee("HEAD-" + s)).get("/api/people/{id}/notices", "E5-" + s).then().statusCode(403);
        given().get("/api/people/{id}/notices", "E5-" + s).then().statusCode(401);
        given().auth().oauth2(employee("E5-" + s)).get("/api/notices?status=FAILED").then().statusCode(403);
        given().auth().oauth2(OPERATOR).get("/api/notices?status=SENT").then().statusCode(403);
        given().auth().oauth2(HR).get("/api/notices?status=LOST").then().statusCode(400);
    }

    @Test
    void aPersonWhoChoseEmailForViolationsIsToldByEmailAndCannotChooseBeyondWhatIsAllowed() throws Exception {
        String s = run();
        String me = "E6-" + s;
        publish(person(me, "D-" + s, Map.of("wecom", "me-" + s), "me-" + s + "@corp.example", Language.ZH_CN));
        given().auth().oauth2(employee(me)).contentType("application/json").body("{\"channels\": [\"EMAIL\"]}")
                .put("/api/people/{id}/preferences/VIOLATION", me).then().statusCode(200)
                .body("channels", org.hamcrest.Matchers.contains("EMAIL"))
                .body("allowed", org.hamcrest.Matchers.contains("IM", "EMAIL"));
        given().auth().oauth2(employee(me)).get("/api/people/{id}/preferences", me).then().statusCode(200)
                .body("VIOLATION.channels", org.hamcrest.Matchers.contains("EMAIL"))
                .body("GROUP_TASK.channels", org.hamcrest.Matchers.contains("IM", "EMAIL"));
        given().auth().oauth2(employee(me)).contentType("application/json").body("{\"channels\": []}")
                .put("/api/people/{id}/preferences/VIOLATION", me).then().statusCode(400)
                .body("error", containsString("at least one"));
        given().auth().oauth2(employee(me)).contentType("application/json").body("{\"channels\": [\"EMAIL\"]}")
                .put("/api/people/{id}/preferences/GOSSIP", me).then().statusCode(400);
        given().auth().oauth2(employee("someone-" + s)).get("/api/people/{id}/preferences", me).then().statusCode(403);

        Awaitility.await().atMost(WITHIN).until(() -> known("wecom", "me-" + s));
        publish(violation("wecom:chat-" + s, "me-" + s, "CT-7", "REMINDER"));
        MimeMessage mail = Awaitility.await().atMost(WITHIN).until(() -> MailServerResource.received().stream()
                .filter(message -> recipient(message).equals("me-" + s + "@corp.example")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertEquals("【群管】违规通知：CT-7", mail.getSubject());
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(employee(me))
                .get("/api/people/{id}/notices", me).then().statusCode(200)
                .body("[0].status", equalTo("SENT")).body("[0].deliveries", hasSize(1))
                .body("[0].deliveries[0].channel", equalTo("EMAIL")));
        assertTrue(platform().seen("/wecom/cgi-bin/message/send").stream()
                .noneMatch(seen -> seen.json().path("touser").asText().equals("me-" + s)), "no IM was tried");
    }

    @Test
    void lowSeverityRemindersToOnePersonGoTogetherInOneMessage() {
        String s = run();
        String me = "E8-" + s;
        publish(person(me, "D-" + s, Map.of("slack", "U8" + s), null, Language.EN));
        Awaitility.await().atMost(WITHIN).until(() -> known("slack", "U8" + s));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> rules = List.of("CT-2", "CT-3", "CT-7");
        publish(rules.stream().map(rule -> (EventPayload) Violations.inChat("slack:C8" + s, "U8" + s, rule, "tone",
                Severity.LOW, "…", "REMINDER")).toArray(EventPayload[]::new));

        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(employee(me))
                .get("/api/people/{id}/notices", me).then().statusCode(200).body("$", hasSize(3))
                .body("status", org.hamcrest.Matchers.everyItem(equalTo("SENT"))));
        List<Seen> sent = platform().seen("/slack/api/chat.postMessage").stream()
                .filter(seen -> seen.json().path("channel").asText().equals("U8" + s)).toList();
        assertEquals(1, sent.size(), "one message for the three reminders");
        String text = sent.get(0).json().path("text").asText();
        assertTrue(text.startsWith("[Qunguan] 3 reminders for you"), text);
        rules.forEach(rule -> assertTrue(text.contains("Policy violation: " + rule), text));
    }

    private static String employee(String id) {
        return TOKENS.issue("employee", id, null);
    }

    /** Whether the service's replica of the directory has the account yet. */
    private boolean known(String platform, String user) {
        return QuarkusTransaction.requiringNew().call(() -> directory.employeeOf(platform, user).isPresent());
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
