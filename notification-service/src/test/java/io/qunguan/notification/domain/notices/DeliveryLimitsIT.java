package io.qunguan.notification.domain.notices;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.PersonnelChanged.Change;
import io.qunguan.events.Severity;
import io.qunguan.notification.config.PlatformConfig;
import io.qunguan.notification.domain.directory.PersonAccount;
import io.qunguan.notification.mail.MailServerResource;
import io.qunguan.notification.platform.PlatformChatPosts;
import io.qunguan.notification.platform.PlatformClients;
import io.qunguan.notification.platform.PlatformDirectMessages;
import io.qunguan.testkit.FakePlatform.Seen;
import io.qunguan.testkit.FakePlatform;
import io.qunguan.testkit.FakePlatformResource;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.qunguan.testkit.Violations;
import io.qunguan.worktime.WorkingTime;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * With the scheduled runner off, the tests drive delivery as several instances would: two runners with their own
 * platform clients (no memory shared) keep a platform's published limit between them through the database, and an
 * attempt interrupted between its call and its record is never sent twice where the platform would show it twice.
 * The quiet hours last all day but a minute here, so that a notice that is not urgent visibly waits.
 */
@QuarkusTest
@TestProfile(DeliveryLimitsIT.ManualDelivery.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(FakePlatformResource.class)
@WithTestResource(MailServerResource.class)
class DeliveryLimitsIT {

    /** The runner is driven by the tests. */
    public static class ManualDelivery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qunguan.notifications.delivery-interval", "off",
                    "qunguan.notifications.quiet-hours", QUIET_HOURS);
        }
    }

    static final String QUIET_HOURS = "00:00-23:59";
    private static final Tokens TOKENS = Tokens.forTests();
    private static final String HR = TOKENS.issue("hr", "hr-1", null);
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    Deliveries deliveries;
    @Inject
    DeliveryRunner runner;
    @Inject
    Mailbox mailbox;
    @Inject
    ChatPosts chatPosts;
    @Inject
    Notices notices;
    @Inject
    PlatformConfig platforms;
    @Inject
    MeterRegistry registry;
    @Inject
    EntityManager em;

    private static FakePlatform platform() {
        return FakePlatformResource.platform();
    }

    @Test
    void twoInstancesTogetherKeepSlacksOneMessageASecondToOnePerson() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String user = "UL" + s;
        noticesFor("EL-" + s, Map.of("slack", user), 4);

        // two instances claim at the same moment: the limit lets one message to the person through, not four
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Deliveries.Claimed> first = deliveries.claimDue(now, 50).stream()
                .filter(c -> c.destination().equals("slack:" + user)).toList();
        List<Deliveries.Claimed> second = deliveries.claimDue(now, 50).stream()
                .filter(c -> c.destination().equals("slack:" + user)).toList();
        assertEquals(1, first.size(), first.toString());
        assertEquals(List.of(), second);
        deliveries.record(first.get(0).deliveryId(), runner.send(first.get(0)), now);

        DeliveryRunner other = new DeliveryRunner(deliveries,
                new PlatformDirectMessages(PlatformClients.newAppClient(platforms)), mailbox, chatPosts, registry);

        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (DeliveryRunner instance : List.of(runner, other)) {
                running.add(instances.submit(() -> Awaitility.await().atMost(WITHIN)
                        .pollInterval(Duration.ofMillis(50)).until(() -> {
                            instance.runDue(OffsetDateTime.now(ZoneOffset.UTC));
                            return sentTo(user).size() >= 4;
                        })));
            }
            for (Future<?> instance : running) {
                instance.get();
            }
        } finally {
            instances.shutdownNow();
        }

        List<Seen> sent = sentTo(user);
        assertEquals(4, sent.size(), "each notice once");
        // the limit holds the claims a second apart (below); each call follows its claim after a moment that varies
        // with the machine's load, so the platform sees them spread over about three seconds, not at once
        long spanMillis = (sent.get(3).atNanos() - sent.get(0).atNanos()) / 1_000_000;
        assertTrue(spanMillis >= 2_000, "four messages within " + spanMillis + " ms");
        @SuppressWarnings("unchecked")
        List<OffsetDateTime> attempts = em.createNativeQuery(
                "SELECT sent_at FROM send_attempt WHERE destination = ?1 ORDER BY sent_at", OffsetDateTime.class)
                .setParameter(1, "slack:" + user).getResultList();
        assertEquals(4, attempts.size());
        for (int i = 1; i < attempts.size(); i++) {
            assertTrue(!attempts.get(i).isBefore(attempts.get(i - 1).plusSeconds(1)), attempts.toString());
        }
    }

    @Test
    void twoInstancesTogetherKeepSlacksOnePostASecondToOneChat() throws Exception {
        String channel = "CL" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 3; i++) {
                notices.owe(Notices.Recipient.chat("slack:" + channel), "g-" + channel, NoticeKind.CHAT_NOTICE,
                        UUID.randomUUID(), Map.of("name", "测试群", "text", "第" + i + "条通知", "dueAt", "今天",
                                "keywords", "收到"), true);
            }
        });
        DeliveryRunner other = new DeliveryRunner(deliveries,
                new PlatformDirectMessages(PlatformClients.newAppClient(platforms)), mailbox,
                new PlatformChatPosts(PlatformClients.newAppClient(platforms)), registry);
        // two instances, each with its own platform client and so its own in-memory windows: only the store is shared
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (DeliveryRunner instance : List.of(runner, other)) {
                running.add(instances.submit(() -> Awaitility.await().atMost(WITHIN)
                        .pollInterval(Duration.ofMillis(50)).until(() -> {
                            instance.runDue(OffsetDateTime.now(ZoneOffset.UTC));
                            return sentTo(channel).size() >= 3;
                        })));
            }
            for (Future<?> instance : running) {
                instance.get();
            }
        } finally {
            instances.shutdownNow();
        }

        assertEquals(3, sentTo(channel).size(), "each post once");
        @SuppressWarnings("unchecked")
        List<OffsetDateTime> attempts = em.createNativeQuery(
                "SELECT sent_at FROM send_attempt WHERE destination = ?1 ORDER BY sent_at", OffsetDateTime.class)
                .setParameter(1, "slack:" + channel).getResultList();
        assertEquals(3, attempts.size());
        for (int i = 1; i < attempts.size(); i++) {
            assertTrue(!attempts.get(i).isBefore(attempts.get(i - 1).plusSeconds(1)), attempts.toString());
        }
    }

    @Test
    void anAttemptInterruptedAfterItsCallIsNotRepeatedOnSlackButIsOnWeComWhichDropsTheRepeat() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        noticesFor("EC-" + s, Map.of("slack", "UC" + s), 1);
        noticesFor("EW-" + s, Map.of("wecom", "ww-" + s), 1);

        // an instance claims and calls, then dies before it records the answer
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Deliveries.Claimed> claimed = deliveries.claimDue(now, 50).stream()
                .filter(c -> c.destination().equals("slack:UC" + s) || c.destination().equals("wecom:ww-" + s))
                .toList();
        assertEquals(2, claimed.size(), claimed.toString());
        claimed.forEach(runner::send);
        assertEquals(1, sentTo("UC" + s).size());

        // once the lease has run out another instance looks at them
        runner.runDue(now.plus(Duration.ofMinutes(3)));
        assertEquals(1, sentTo("UC" + s).size(), "Slack has no idempotency key: not sent again");
        List<Seen> wecom = platform().seen("/wecom/cgi-bin/message/send").stream()
                .filter(seen -> seen.json().path("touser").asText().equals("ww-" + s)).toList();
        assertEquals(2, wecom.size(), "WeCom drops a repeat within its duplicate check: sent again");
        assertEquals(wecom.get(0).body(), wecom.get(1).body(), "the repeat is the same request");

        given().auth().oauth2(HR).get("/api/people/{id}/notices", "EC-" + s).then().statusCode(200)
                .body("[0].status", is("UNCERTAIN")).body("[0].deliveries[0].status", is("UNCERTAIN"));
        given().auth().oauth2(HR).get("/api/people/{id}/notices", "EW-" + s).then().statusCode(200)
                .body("[0].status", is("SENT")).body("[0].deliveries[0].attempts", is(2));
        given().auth().oauth2(TOKENS.issue("operator", "ops-1", null)).get("/api/notices?status=UNCERTAIN&limit=200")
                .then().statusCode(200).body("findAll { it.recipientId == 'EC-" + s + "' }", hasSize(1));
    }

    @Test
    void aNoticeThatIsNotUrgentWaitsForWorkingTimeAndAnUrgentOneGoesAtOnce() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String employee = "EQ-" + s;
        noticesFor(employee, Map.of("slack", "UQ" + s), 1);
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/test", Violations.inChat("slack:chat", "UQ" + s, "CT-2", "abuse",
                    Severity.MEDIUM, "不急", "REMINDER")));
        }
        WorkingTime quiet = WorkingTime.of(java.time.ZoneId.of("Asia/Shanghai"), QUIET_HOURS, List.of(), false);
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(HR)
                .get("/api/people/{id}/notices", employee).then().statusCode(200).body("$", hasSize(2)));
        var notices = given().auth().oauth2(HR).get("/api/people/{id}/notices", employee).then().extract().jsonPath();
        for (int i = 0; i < 2; i++) {
            OffsetDateTime created = OffsetDateTime.parse(notices.getString("[" + i + "].createdAt"));
            OffsetDateTime due = OffsetDateTime.parse(notices.getString("[" + i + "].deliveries[0].dueAt"));
            OffsetDateTime expected = notices.getBoolean("[" + i + "].urgent") ? created : quiet.nextAllowed(created);
            assertEquals(expected.toInstant(), due.toInstant(), notices.prettify());
        }
    }

    /** Makes {@code count} violation notices for a new person and waits until each has its first delivery planned. */
    private void noticesFor(String employee, Map<String, String> accounts, int count) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String platform = accounts.keySet().iterator().next();
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/test", new EmployeeChanged(employee, Change.HIRED, "测试", "D", null,
                    null, "staff", null, false, true, accounts, null, null, now)));
        }
        Awaitility.await().atMost(WITHIN).until(() -> QuarkusTransaction.requiringNew().call(() ->
                PersonAccount.employeeOf(platform,
                        accounts.get(platform)).isPresent()));
        try (KafkaProbe probe = KafkaResource.probe()) {
            for (int i = 0; i < count; i++) {
                // a mute is urgent: it goes at once, whatever the hour
                EventPayload violation = Violations.inChat(platform + ":chat", accounts.get(platform), "CT-2", "abuse",
                        Severity.MEDIUM, "第" + i + "条", "MUTE");
                probe.publish(EventEnvelope.fresh("/test", violation));
            }
        }
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> given().auth().oauth2(HR)
                .get("/api/people/{id}/notices", employee).then().statusCode(200).body("$", hasSize(count))
                .body("deliveries.flatten().status", everyItem(is("PENDING"))));
    }

    private static List<Seen> sentTo(String slackUser) {
        return platform().seen("/slack/api/chat.postMessage").stream()
                .filter(seen -> seen.json().path("channel").asText().equals(slackUser)).toList();
    }
}
