package io.qunguan.notification.domain.meetings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.MeetingBreachFound;
import io.qunguan.events.Topics;
import io.qunguan.notification.domain.acknowledgements.GroupFixture;
import io.qunguan.notification.domain.directory.DirectoryReplica;
import io.qunguan.notification.domain.groups.GroupReplica;
import io.qunguan.notification.domain.timers.TimerRunner;
import io.qunguan.notification.mail.MailServerResource;
import io.qunguan.testkit.FakePlatform.Seen;
import io.qunguan.testkit.FakePlatformResource;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * MT-1 and MT-2 against real Kafka, PostgreSQL and the fake platform: a meeting noticed in the chat too late and
 * without a place is an MT-1 breach of its organiser; the organiser is asked for minutes when it has ended; minutes
 * posted in the chat reach every participant. A meeting noticed over REST reaches its participants, who are reminded
 * before it; without minutes by the deadline it is an MT-2 breach. Timers are fired with a clock set ahead.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(FakePlatformResource.class)
@WithTestResource(MailServerResource.class)
class MeetingsIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final String HR = TOKENS.issue("hr", "hr-1", null);
    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    DirectoryReplica directory;
    @Inject
    GroupReplica groups;
    @Inject
    TimerRunner timers;
    @Inject
    Meetings meetings;

    @Test
    void mt1ALateIncompleteNoticeIsABreachAndMt2MinutesPostedInTheChatReachEveryParticipant() {
        GroupFixture group = new GroupFixture(List.of("a", "b", "c"));
        group.publish(directory, groups);
        // noticed five hours ago for a meeting three hours after that: late, and it ended an hour ago
        OffsetDateTime posted = OffsetDateTime.now(ZoneOffset.UTC).minusHours(5).truncatedTo(ChronoUnit.MINUTES);
        OffsetDateTime starts = posted.plusHours(3);
        String when = WRITTEN.format(starts.atZoneSameInstant(ZoneId.of("Asia/Shanghai")));
        GroupFixture.publish(group.message("a", "【会议通知】\n主题：季度复盘\n时间：" + when + "\n议程：各组汇报", posted));

        try (KafkaProbe probe = KafkaResource.probe()) {
            MeetingBreachFound breach = breachOf(probe, group, "MT-1");
            assertTrue(breach.detail().contains("place") && breach.detail().contains("24 h required"),
                    breach.detail());
            assertEquals(group.user("a"), breach.organiserId());
            assertEquals(group.employee("a"), breach.organiserEmployeeId());
            assertEquals("季度复盘", breach.topic());
        }
        UUID meeting = Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> latest(group), Optional::isPresent)
                .orElseThrow();

        timers.runDue(OffsetDateTime.now(ZoneOffset.UTC));
        Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> dmTo(group.user("a"), "【群管】待办：会议纪要"),
                Optional::isPresent);

        GroupFixture.publish(group.message("b", "【会议纪要】1. 各组目标确认 2. 下季度预算另议",
                OffsetDateTime.now(ZoneOffset.UTC)));
        for (String letter : List.of("a", "c")) {
            Seen sent = Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> dmTo(group.user(letter),
                    "【群管】会议纪要"), Optional::isPresent).orElseThrow();
            assertTrue(sent.json().path("text").path("content").asText().contains("各组目标确认"));
        }
        timers.runDue(starts.plusHours(26));
        given().auth().oauth2(TOKENS.issue("employee", group.employee("c"), null))
                .get("/api/groups/{groupId}/meetings", group.groupId).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo(meeting.toString()))
                .body("[0].minutesAt", org.hamcrest.Matchers.notNullValue()).body("[0].participants", hasSize(3));
        given().auth().oauth2(TOKENS.issue("employee", "E-stranger", null))
                .get("/api/groups/{groupId}/meetings", group.groupId).then().statusCode(403);
    }

    @Test
    void mt1Mt2AMeetingNoticedOverRestIsRemindedAndWithoutMinutesByTheDeadlineIsABreach() {
        GroupFixture group = new GroupFixture(List.of("a", "b"));
        group.publish(directory, groups);
        OffsetDateTime starts = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).truncatedTo(ChronoUnit.MINUTES);
        String path = "/api/groups/{groupId}/meetings";
        String body = "{\"topic\": \"预算评审\", \"startsAt\": \"" + starts + "\", \"endsAt\": \"" + starts.plusHours(1)
                + "\", \"place\": \"2号会议室\", \"agenda\": \"评审明年预算\"}";
        given().auth().oauth2(TOKENS.issue("employee", "E-stranger", null)).contentType("application/json")
                .body(body).post(path, group.groupId).then().statusCode(403);
        given().auth().oauth2(HR).contentType("application/json").body("{\"topic\": \"x\"}").post(path, group.groupId)
                .then().statusCode(400);
        String id = given().auth().oauth2(TOKENS.issue("employee", group.owner, null)).contentType("application/json")
                .body(body).post(path, group.groupId).then().statusCode(201).body("problems", hasSize(0))
                .extract().path("id");
        Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> dmTo(group.user("b"), "【群管】会议通知：预算评审"),
                Optional::isPresent);
        timers.runDue(starts.minusMinutes(29));
        Seen reminder = Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> dmTo(group.user("b"),
                "【群管】会议提醒"), Optional::isPresent).orElseThrow();
        assertTrue(reminder.json().path("text").path("content").asText().contains("2号会议室"));

        timers.runDue(starts.plusHours(26));
        try (KafkaProbe probe = KafkaResource.probe()) {
            MeetingBreachFound breach = breachOf(probe, group, "MT-2");
            assertEquals(UUID.fromString(id), breach.meetingId());
            assertEquals(group.owner, breach.organiserEmployeeId());
        }
        String minutes = path + "/{id}/minutes";
        given().auth().oauth2(TOKENS.issue("employee", group.employee("b"), null)).contentType("application/json")
                .body("{\"text\": \"预算通过\"}").post(minutes, group.groupId, id).then().statusCode(403);
        given().auth().oauth2(TOKENS.issue("employee", group.owner, null)).contentType("application/json")
                .body("{\"text\": \"预算通过\"}").post(minutes, group.groupId, id).then().statusCode(204);
        given().auth().oauth2(HR).contentType("application/json").body("{\"text\": \"again\"}")
                .post(minutes, group.groupId, id).then().statusCode(409);
    }

    private static MeetingBreachFound breachOf(KafkaProbe probe, GroupFixture group, String ruleId) {
        List<EventEnvelope<EventPayload>> events = probe.eventsThrough(Topics.NOTIFICATION_EVENTS,
                event -> event.data() instanceof MeetingBreachFound breach && breach.groupId().equals(group.groupId)
                        && breach.ruleId().equals(ruleId), GroupFixture.WITHIN);
        EventPayload last = events.isEmpty() ? null : events.get(events.size() - 1).data();
        if (!(last instanceof MeetingBreachFound breach) || !breach.ruleId().equals(ruleId)
                || !breach.groupId().equals(group.groupId)) {
            throw new AssertionError("no " + ruleId + " breach of " + group.groupId + " within " + GroupFixture.WITHIN);
        }
        return breach;
    }

    private Optional<UUID> latest(GroupFixture group) {
        return QuarkusTransaction.requiringNew().call(() -> meetings.ofGroup(group.groupId, 1).stream().findFirst()
                .map(held -> held.meeting().id));
    }

    private static Optional<Seen> dmTo(String user, String startsWith) {
        return FakePlatformResource.platform().seen("/wecom/cgi-bin/message/send").stream()
                .filter(seen -> seen.json().path("touser").asText().equals(user)
                        && seen.json().path("text").path("content").asText().startsWith(startsWith)).findFirst();
    }
}
