package io.qunguan.moderation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.AcknowledgementOverdue;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupActivated;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.MeetingBreachFound;
import io.qunguan.events.Platform;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What notification-service finds about notices and meetings becomes a violation of the person concerned (BH-6 the
 * member who did not acknowledge, MT-1 and MT-2 the organiser), on the group's ladder and as its policy decides the
 * category (SV-1, SV-2), against a real broker and database.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class NotificationFindingConsumerIT {

    /** A ladder whose first rung is nothing a default would give. */
    private static final String LADDER = """
            "sanctionsLadder": [{"sanction": "PENALTY_RED_PACKET", "yuan": 20}, "WARNING", "WRITTEN_WARNING"]""";
    private static final Sanction FIRST_RUNG = new Sanction(Sanction.Kind.PENALTY_RED_PACKET, null, 20);

    @Inject
    EntityManager entities;

    private KafkaProbe probe;
    private Fixtures fixtures;

    @BeforeEach
    void probe() {
        probe = KafkaResource.probe();
        fixtures = new Fixtures(probe, entities);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private String group(String moderation, GroupSnapshot.Member... members) {
        return fixtures.group("department", 1, moderation, OffsetDateTime.now(ZoneOffset.UTC), members);
    }

    private static String chatOf(String groupId) {
        return "chat-" + groupId;
    }

    private static EventEnvelope<AcknowledgementOverdue> overdue(String groupId, UUID noticeId, String memberId,
            String employeeId, String excerpt) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return EventEnvelope.fresh("/notification-service", new AcknowledgementOverdue(noticeId, groupId,
                Platform.GENERIC, chatOf(groupId), memberId, employeeId, excerpt, now.minusMinutes(60), now));
    }

    private static EventEnvelope<MeetingBreachFound> meetingBreach(String groupId, UUID meetingId, String ruleId,
            Platform platform, String organiserId, String organiserEmployeeId, String detail) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return EventEnvelope.fresh("/notification-service", new MeetingBreachFound(meetingId, ruleId, groupId,
                platform, platform == null ? null : chatOf(groupId), organiserId, organiserEmployeeId, "季度复盘会",
                detail, now.plusHours(3), now));
    }

    /**
     * The group's violations up to and including the first that {@code last} matches: one group's findings are keyed
     * by the group, so they reach one partition in order and nothing published before that one is still to come.
     *
     * @throws AssertionError when no violation matches within 30 s
     */
    private List<ViolationOpened> violationsThrough(String groupId, Predicate<ViolationOpened> last) {
        List<ViolationOpened> all = Fixtures.published(probe, groupId, ViolationOpened.class,
                violations -> violations.stream().anyMatch(last), Duration.ofSeconds(30));
        for (int i = 0; i < all.size(); i++) {
            if (last.test(all.get(i))) {
                return all.subList(0, i + 1);
            }
        }
        throw new AssertionError("no awaited violation of " + groupId + " within 30 s: " + all);
    }

    @Test
    void bh6AnOverdueAcknowledgementIsTheMembersViolationOnTheLadderOnceEvenWhenPublishedAgain() {
        String member = "u-" + UUID.randomUUID();
        String employee = "E-" + UUID.randomUUID();
        String groupId = group("{" + LADDER + "}",
                new GroupSnapshot.Member(employee, "generic:" + member, "D-sales", "staff", "MEMBER"));
        UUID noticeId = UUID.randomUUID();
        EventEnvelope<AcknowledgementOverdue> overdue = overdue(groupId, noticeId, member, null,
                "【通知】明早9点开会，联系人13812345678");
        probe.publish(overdue);
        probe.publish(overdue);
        // notification-service finding it again, under a new event id
        probe.publish(overdue(groupId, noticeId, member, null, "【通知】明早9点开会，联系人13812345678"));
        String marker = "u-marker-" + UUID.randomUUID();
        String markerEmployee = "E-" + UUID.randomUUID();
        probe.publish(overdue(groupId, noticeId, marker, markerEmployee, "【通知】明早9点开会"));

        List<ViolationOpened> violations = violationsThrough(groupId, violation -> marker.equals(violation.memberId()));
        assertEquals(2, violations.size(), "the member's violation once, then the marker's: " + violations);
        ViolationOpened opened = violations.get(0);
        assertEquals(EventIds.nameBased(noticeId, member), opened.violationId());
        assertEquals("BH-6", opened.ruleId());
        assertEquals("unacknowledged-notice", opened.category());
        assertEquals(Severity.LOW, opened.severity());
        assertEquals(member, opened.memberId());
        assertEquals(employee, opened.employeeId(), "the roster names the employee the event did not");
        assertEquals(Platform.GENERIC, opened.platform());
        assertEquals(chatOf(groupId), opened.chatId());
        assertEquals("notice:" + noticeId, opened.messageId());
        assertEquals(1, opened.offence());
        assertEquals(FIRST_RUNG, opened.sanction(), "a first offence gets the ladder's first rung (SV-2)");
        assertEquals(new ViolationOpened.AppliedPolicy("department", 1, false), opened.policy());
        assertTrue(opened.maskedEvidence().startsWith("未确认群通知：【通知】明早9点开会"), opened.maskedEvidence());
        assertFalse(opened.maskedEvidence().contains("13812345678"), "a phone number in the notice is masked");
        assertEquals(markerEmployee, violations.get(1).employeeId(), "the event's employee when it names one");
    }

    @Test
    void mt1Mt2ALateNoticeAndMissingMinutesAreTheOrganisersViolationsAlsoForAMeetingNoticedOverRest() {
        String organiser = "u-" + UUID.randomUUID();
        String employee = "E-" + UUID.randomUUID();
        String groupId = group("{" + LADDER + "}");
        UUID noticed = UUID.randomUUID();
        UUID overRest = UUID.randomUUID();
        probe.publish(meetingBreach(groupId, noticed, "MT-1", Platform.GENERIC, organiser, employee,
                "noticed 3 h ahead, 24 h required"));
        // a meeting created over REST was posted in no chat: the organiser is known only in the directory
        probe.publish(meetingBreach(groupId, overRest, "MT-2", null, null, employee,
                "no minutes 24 h after the meeting ended"));

        List<ViolationOpened> violations = violationsThrough(groupId, violation -> "MT-2".equals(violation.ruleId()));
        assertEquals(2, violations.size(), violations.toString());
        ViolationOpened notice = violations.get(0);
        assertEquals(EventIds.nameBased(noticed, "MT-1"), notice.violationId());
        assertEquals("MT-1", notice.ruleId());
        assertEquals("meeting-notice", notice.category());
        assertEquals(Severity.LOW, notice.severity());
        assertEquals(organiser, notice.memberId());
        assertEquals(employee, notice.employeeId());
        assertEquals(Platform.GENERIC, notice.platform());
        assertEquals("meeting:" + noticed + ":MT-1", notice.messageId());
        assertEquals("季度复盘会：noticed 3 h ahead, 24 h required", notice.maskedEvidence());
        assertEquals(FIRST_RUNG, notice.sanction());

        ViolationOpened minutes = violations.get(1);
        assertEquals("MT-2", minutes.ruleId());
        assertEquals("meeting-minutes", minutes.category());
        assertNull(minutes.platform(), "posted in no chat");
        assertNull(minutes.chatId());
        assertNull(minutes.memberId());
        assertEquals(employee, minutes.employeeId());
        assertEquals("meeting:" + overRest + ":MT-2", minutes.messageId());
        assertEquals(2, minutes.offence(), "the same employee's second offence");
        assertEquals(Sanction.of(Sanction.Kind.WARNING), minutes.sanction(), "a repeat climbs a rung");
    }

    @Test
    void bh6Mt1AGroupThatAllowsUnacknowledgedNoticesGetsNoneAndOneThatRecordsMeetingNoticesSanctionsNone() {
        String groupId = group("""
                {"contentActions": {"unacknowledged-notice": "ALLOW", "meeting-notice": "RECORD"}, %s}"""
                .formatted(LADDER));
        probe.publish(overdue(groupId, UUID.randomUUID(), "u-" + UUID.randomUUID(), "E-" + UUID.randomUUID(),
                "【通知】周五前交周报"));
        probe.publishRaw(Topics.NOTIFICATION_EVENTS, groupId, "{not an event".getBytes(StandardCharsets.UTF_8));
        // an event of another type on the topic is skipped: the meeting's violation after it still comes
        probe.publishRaw(Topics.NOTIFICATION_EVENTS, groupId, EventJson.write(EventEnvelope.fresh("/group-service",
                new GroupActivated(groupId, "销售部-客户群", "E-owner", List.of("generic:" + chatOf(groupId)),
                        null, OffsetDateTime.now(ZoneOffset.UTC)))));
        UUID meetingId = UUID.randomUUID();
        probe.publish(meetingBreach(groupId, meetingId, "MT-1", Platform.GENERIC, "u-org", "E-" + UUID.randomUUID(),
                "the notice does not state: place, agenda"));

        List<ViolationOpened> violations = violationsThrough(groupId,
                violation -> violation.violationId().equals(EventIds.nameBased(meetingId, "MT-1")));
        assertEquals(List.of("MT-1"), violations.stream().map(ViolationOpened::ruleId).toList(),
                "the allowed notice opened nothing before the meeting's violation");
        ViolationOpened recorded = violations.get(0);
        assertEquals(0, recorded.offence(), "recorded, not an offence");
        assertNull(recorded.sanction());
        var dead = probe.readUntil(Topics.deadLetter("moderation-service", "notification-events"),
                records -> records.stream().anyMatch(r -> groupId.equals(r.key())), Duration.ofSeconds(15));
        assertTrue(dead.stream().anyMatch(r -> groupId.equals(r.key())
                && "{not an event".equals(new String(r.value(), StandardCharsets.UTF_8))), "poison is dead-lettered");
    }
}
