package io.qunguan.notification.domain.acknowledgements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.AcknowledgementOverdue;
import io.qunguan.events.AcknowledgementSettled;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.NoticePinned;
import io.qunguan.events.Topics;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * BH-6 and GL-10 against real Kafka, PostgreSQL and the fake platform over HTTP: a notice in a group's chat is tracked
 * member by member, replies acknowledge it, the one who does not is reminded on their platform and, past the
 * deadline, is the one {@code AcknowledgementOverdue} names; a notice created over REST is posted in the chat by
 * Qunguan's app; a pinned notice reaches every member. Timers are fired with a clock set ahead.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(FakePlatformResource.class)
@WithTestResource(MailServerResource.class)
class AcknowledgementsIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final String HR = TOKENS.issue("hr", "hr-1", null);

    @Inject
    DirectoryReplica directory;
    @Inject
    GroupReplica groups;
    @Inject
    TimerRunner timers;
    @Inject
    Acknowledgements acknowledgements;

    @Test
    void bh6TwoMembersAcknowledgeTheThirdIsRemindedThenOverdue() {
        GroupFixture group = new GroupFixture(List.of("a", "b", "c", "d"));
        group.publish(directory, groups);
        OffsetDateTime posted = OffsetDateTime.now(ZoneOffset.UTC);
        GroupFixture.publish(group.message("a", "【通知】明天上午9点全员大会，请准时参加", posted),
                group.message("b", "收到", posted.plusSeconds(5)),
                group.message("c", "好的，马上执行", posted.plusSeconds(6)),
                group.message("d", "这个会议室在哪里？", posted.plusSeconds(7)));

        TrackedNotice notice = Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> tracked(group),
                found -> found.isPresent() && found.get().members().stream()
                        .filter(member -> member.acknowledgedAt != null).count() == 2).orElseThrow().notice();
        String path = "/api/groups/{groupId}/notices/{noticeId}";
        given().auth().oauth2(TOKENS.issue("employee", group.owner, null)).get(path, group.groupId, notice.id)
                .then().statusCode(200).body("acknowledged", equalTo(2)).body("waiting", equalTo(1))
                .body("members", hasSize(3)).body("members.find { it.member == 'wecom:" + group.user("b")
                        + "' }.how", equalTo("KEYWORD"));
        // a member who is neither the author nor a manager of the group does not see who acknowledged
        given().auth().oauth2(TOKENS.issue("employee", group.employee("b"), null)).get(path, group.groupId, notice.id)
                .then().statusCode(403);

        timers.runDue(posted.plusMinutes(31));
        Seen reminder = Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> dmTo(group.user("d")),
                Optional::isPresent).orElseThrow();
        String text = reminder.json().path("text").path("content").asText();
        assertTrue(text.startsWith("【群管】请确认群通知") && text.contains("明天上午9点全员大会"), text);
        assertEquals(Optional.empty(), dmTo(group.user("b")), "who acknowledged is not reminded");

        timers.runDue(posted.plusMinutes(61));
        try (KafkaProbe probe = KafkaResource.probe()) {
            List<EventEnvelope<EventPayload>> events = probe.eventsThrough(Topics.NOTIFICATION_EVENTS,
                    event -> event.data() instanceof AcknowledgementOverdue overdue
                            && overdue.noticeId().equals(notice.id), GroupFixture.WITHIN);
            List<AcknowledgementOverdue> overdue = events.stream().map(EventEnvelope::data)
                    .filter(AcknowledgementOverdue.class::isInstance).map(AcknowledgementOverdue.class::cast)
                    .filter(event -> event.noticeId().equals(notice.id)).toList();
            assertEquals(1, overdue.size(), overdue.toString());
            assertEquals(group.user("d"), overdue.get(0).memberId());
            assertEquals(group.employee("d"), overdue.get(0).employeeId());
            assertEquals(group.chatId, overdue.get(0).chatId());
            // every member's outcome is settled for the assessment (SV-3): d's without an acknowledgement, b's with
            List<AcknowledgementSettled> settled = events.stream().map(EventEnvelope::data)
                    .filter(AcknowledgementSettled.class::isInstance).map(AcknowledgementSettled.class::cast)
                    .filter(event -> event.noticeId().equals(notice.id)).toList();
            assertTrue(settled.stream().anyMatch(event -> event.memberId().endsWith(group.user("d"))
                    && event.acknowledgedAt() == null && group.employee("d").equals(event.employeeId())),
                    settled.toString());
            assertTrue(settled.stream().anyMatch(event -> event.memberId().endsWith(group.user("b"))
                    && event.acknowledgedAt() != null), settled.toString());
            assertEquals(settled.size(), settled.stream().map(AcknowledgementSettled::memberId).distinct().count());
        }
        // an acknowledgement after the deadline no longer counts; firing the timers again changes nothing
        GroupFixture.publish(group.message("d", "收到", posted.plusMinutes(62)));
        assertEquals(0, timers.runDue(posted.plusMinutes(90)));
        given().auth().oauth2(HR).get(path, group.groupId, notice.id).then().statusCode(200)
                .body("closedAt", org.hamcrest.Matchers.notNullValue()).body("acknowledged", equalTo(2))
                .body("members.find { it.member == 'wecom:" + group.user("d") + "' }.overdue", equalTo(true));
    }

    @Test
    void bh6ANoticeCreatedOverRestIsPostedInTheChatAndTrackedAndOnlyManagersMayCreateOne() {
        GroupFixture group = new GroupFixture(List.of("a", "b"));
        group.publish(directory, groups);
        String path = "/api/groups/{groupId}/notices";
        given().auth().oauth2(TOKENS.issue("employee", group.employee("b"), null)).contentType("application/json")
                .body("{\"text\": \"周五前提交报销单\"}").post(path, group.groupId).then().statusCode(403);
        given().auth().oauth2(HR).contentType("application/json").body("{\"text\": \"\"}").post(path, group.groupId)
                .then().statusCode(400);
        given().auth().oauth2(HR).contentType("application/json").body("{\"text\": \"x\"}").post(path, "g-unknown")
                .then().statusCode(404);
        String id = given().auth().oauth2(TOKENS.issue("employee", group.owner, null)).contentType("application/json")
                .body("{\"text\": \"周五前提交本月报销单\"}").post(path, group.groupId).then().statusCode(201)
                .body("source", equalTo("REST")).body("waiting", equalTo(1)).extract().path("id");

        Seen post = Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> FakePlatformResource.platform()
                .seen("/wecom/cgi-bin/appchat/send").stream()
                .filter(seen -> seen.json().path("chatid").asText().equals(group.chatId)).findFirst(),
                Optional::isPresent).orElseThrow();
        String text = post.json().path("text").path("content").asText();
        assertTrue(text.startsWith("【群管通知】") && text.contains("周五前提交本月报销单") && text.contains("收到"), text);

        // Qunguan's own post, seen again through the webhook, is not a second notice; the reply acknowledges
        GroupFixture.publish(group.message("a", text, OffsetDateTime.now(ZoneOffset.UTC)),
                group.message("b", "收到👌", OffsetDateTime.now(ZoneOffset.UTC)));
        Awaitility.await().atMost(GroupFixture.WITHIN).untilAsserted(() -> given().auth().oauth2(HR)
                .get(path + "/{id}", group.groupId, id).then().statusCode(200).body("acknowledged", equalTo(1)));
        given().auth().oauth2(HR).get(path, group.groupId).then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void gl10APinnedNoticeReachesEveryMemberAndIsAcknowledgedOverRest() {
        GroupFixture group = new GroupFixture(List.of("a", "b", "c"));
        group.publish(directory, groups);
        GroupFixture.publish(new NoticePinned(group.groupId, 7L, "安全生产月：进入车间必须佩戴安全帽", true, group.owner,
                OffsetDateTime.now(ZoneOffset.UTC)));
        for (String letter : List.of("a", "b", "c")) {
            Seen dm = Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> dmTo(group.user(letter)),
                    Optional::isPresent).orElseThrow();
            assertTrue(dm.json().path("text").path("content").asText().contains("进入车间必须佩戴安全帽"));
        }
        UUID id = Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> tracked(group), Optional::isPresent)
                .orElseThrow().notice().id;
        String path = "/api/groups/{groupId}/notices/{noticeId}";
        given().auth().oauth2(TOKENS.issue("employee", group.employee("c"), null))
                .post(path + "/acknowledgement", group.groupId, id).then().statusCode(204);
        given().auth().oauth2(TOKENS.issue("employee", "E-stranger", null))
                .post(path + "/acknowledgement", group.groupId, id).then().statusCode(403);
        given().auth().oauth2(HR).get(path, group.groupId, id).then().statusCode(200)
                .body("source", equalTo("PINNED")).body("acknowledged", equalTo(1))
                .body("members.find { it.employeeId == '" + group.employee("c") + "' }.how", equalTo("REST"));
    }

    private Optional<Acknowledgements.Tracked> tracked(GroupFixture group) {
        return QuarkusTransaction.requiringNew().call(() -> acknowledgements.ofGroup(group.groupId, 10).stream()
                .findFirst());
    }

    private static Optional<Seen> dmTo(String user) {
        return FakePlatformResource.platform().seen("/wecom/cgi-bin/message/send").stream()
                .filter(seen -> seen.json().path("touser").asText().equals(user)).findFirst();
    }
}
