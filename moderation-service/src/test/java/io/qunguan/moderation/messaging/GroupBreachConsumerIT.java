package io.qunguan.moderation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.GroupActivated;
import io.qunguan.events.Platform;
import io.qunguan.events.PolicyBreachFound;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What group-service finds about members (MB-*) and names (GL-4) becomes a violation of whoever broke the rule, on the
 * same ladder as content violations (SV-1, SV-2), against a real broker and database.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class GroupBreachConsumerIT {

    private KafkaProbe probe;
    private String group;
    private String chat;

    @BeforeEach
    void probe() {
        probe = KafkaResource.probe();
        group = "G-" + UUID.randomUUID();
        chat = "generic:" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private EventEnvelope<PolicyBreachFound> breach(String ruleId, String member, String offender, String detail) {
        PolicyBreachFound found = new PolicyBreachFound(UUID.randomUUID(), ruleId, group, chat, member, null, offender,
                detail, "CHECK", OffsetDateTime.now(ZoneOffset.UTC));
        return EventEnvelope.fresh("/group-service", found);
    }

    private List<ViolationOpened> violationsOf(int atLeast, Duration window) {
        return Fixtures.published(probe, group, ViolationOpened.class, violations -> violations.size() >= atLeast,
                window);
    }

    @Test
    void mb3Mb1BreachesBecomeViolationsOfTheOffenderOnTheLadderOnceEachEvenWhenRedelivered() {
        String member = "u-" + UUID.randomUUID();
        EventEnvelope<PolicyBreachFound> nickname = breach("MB-3", member, member,
                "nickname 王五 13812345678 does not follow 部门-姓名");
        probe.publish(nickname);
        probe.publish(nickname);
        probe.publish(breach("MB-1", "u-stranger", member, "added u-stranger although only admins invite"));
        // a last breach of the group's: once its violation is out, a violation of the copy would be out before it
        String marker = "u-marker-" + UUID.randomUUID();
        probe.publish(breach("MB-6", marker, marker, "left a group one may not leave"));

        List<ViolationOpened> through = Fixtures.published(probe, group, ViolationOpened.class,
                opened -> opened.stream().anyMatch(violation -> violation.memberId().equals(marker)),
                Duration.ofSeconds(20));
        List<ViolationOpened> violations = through.subList(0, through.size() - 1);
        assertEquals(2, violations.size(), "two breaches, one redelivered: two violations " + through);
        ViolationOpened first = violations.get(0);
        assertEquals("MB-3", first.ruleId());
        assertEquals("membership", first.category());
        assertEquals(Severity.LOW, first.severity());
        assertEquals(member, first.memberId());
        assertEquals(Sanction.of(Sanction.Kind.REMINDER), first.sanction(), "a first slip is a reminder (SV-2)");
        assertEquals(Platform.GENERIC, first.platform(), "the event names the chat, so the sanction can reach it");
        assertEquals(chat.substring("generic:".length()), first.chatId());
        assertEquals(group, first.groupId());
        assertTrue(first.maskedEvidence().startsWith(chat + ": nickname"), first.maskedEvidence());
        assertFalse(first.maskedEvidence().contains("13812345678"), "a phone number in a nickname is masked");
        ViolationOpened second = violations.get(1);
        assertEquals("MB-1", second.ruleId());
        assertEquals(member, second.memberId(), "the inviter is the offender, not the person invited");
        assertEquals(Sanction.of(Sanction.Kind.WARNING), second.sanction(),
                "the second violation within the window climbs a rung");
        assertEquals(2, second.offence());
    }

    @Test
    void mb4ABreachNobodyCommittedOpensNoViolationAndOtherGroupEventsAndPoisonDoNotStopTheConsumer() {
        probe.publishRaw(Topics.GROUP_EVENTS, group, "{not an event".getBytes(StandardCharsets.UTF_8));
        probe.publish(EventEnvelope.fresh("/group-service", new GroupActivated(group, "行政人事部-值班群", "E-1", List.of(chat),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(3), OffsetDateTime.now(ZoneOffset.UTC))));
        probe.publish(breach("MB-4", "u-unknown", null, "user u-unknown is not in the company directory"));
        String leaver = "u-" + UUID.randomUUID();
        probe.publish(breach("MB-6", leaver, leaver, "left a group one may not leave"));

        List<ViolationOpened> violations = violationsOf(1, Duration.ofSeconds(20));
        assertEquals(List.of("MB-6"), violations.stream().map(ViolationOpened::ruleId).toList(),
                "only the breach someone committed is a violation");
        assertEquals(Severity.MEDIUM, violations.get(0).severity());
        var dead = probe.readUntil(Topics.deadLetter("moderation-service", "group-breaches"),
                records -> records.stream().anyMatch(r -> group.equals(r.key())), Duration.ofSeconds(15));
        assertTrue(dead.stream().anyMatch(r -> group.equals(r.key())
                && "{not an event".equals(new String(r.value(), StandardCharsets.UTF_8))), "poison is dead-lettered");
    }
}
