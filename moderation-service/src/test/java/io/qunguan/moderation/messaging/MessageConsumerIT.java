package io.qunguan.moderation.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Platform;
import io.qunguan.events.Sanction;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** moderation-service against a real broker and database: judge, dedupe, dead-letter. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class MessageConsumerIT {

    private KafkaProbe probe;

    @BeforeEach
    void probe() {
        probe = KafkaResource.probe();
    }

    @AfterEach
    void close() {
        probe.close();
    }

    /** Each test's offender is its own, so the ladder starts at the bottom for every test. */
    private static String memberOf(String groupId) {
        return "u-" + groupId.substring("generic:".length(), "generic:".length() + 8);
    }

    private static EventEnvelope<MessagePosted> message(String groupId, String messageId, String text) {
        MessagePosted posted = new MessagePosted(groupId, Platform.GENERIC, groupId.substring(8), "行政部-通知群", messageId,
                memberOf(groupId), "行政人事部-李四", MessageKind.TEXT, text, List.of(), OffsetDateTime.now());
        return EventEnvelope.of(EventIds.fromPlatform("generic", messageId), "/test", posted.sentAt(), posted);
    }

    private List<ViolationOpened> violationsOf(String groupId, int atLeast, Duration window) {
        return Fixtures.published(probe, groupId, ViolationOpened.class, violations -> violations.size() >= atLeast,
                window);
    }

    @Test
    void ct4ResidentIdOpensOneViolationWithMaskedEvidenceEvenWhenDeliveredThreeTimes() {
        String group = "generic:" + UUID.randomUUID();
        EventEnvelope<MessagePosted> event = message(group, "m-" + UUID.randomUUID(), "我的身份证 11010519491231002X 请登记");
        probe.publish(event);
        probe.publish(event);
        probe.publish(event);
        // a last message of the group's: a violation of a redelivery would be out before the marker's
        EventEnvelope<MessagePosted> marker = message(group, "m-" + UUID.randomUUID(), "周末一起网赌");
        probe.publish(marker);

        List<ViolationOpened> violations = new Fixtures(probe, null).violationsUntil(group, marker);
        assertEquals(1, violations.size(), "three deliveries, one violation");
        ViolationOpened violation = violations.get(0);
        assertEquals("CT-4", violation.ruleId());
        assertEquals(memberOf(group), violation.memberId());
        assertEquals("我的身份证 110105********002X 请登记", violation.maskedEvidence());
        assertFalse(violation.maskedEvidence().contains("19491231"));
        assertEquals(Sanction.of(Sanction.Kind.WARNING), violation.sanction(), "HIGH starts one rung up (SV-2)");
        assertEquals(1, violation.offence());
        assertEquals(Platform.GENERIC, violation.platform());
        assertEquals(group.substring("generic:".length()), violation.chatId(), "the event names the chat");
        assertTrue(violation.policy().companyDefault(), "a chat no group holds is judged by the company default");
        assertEquals(List.of("resident-id"), violation.findings().stream().map(ViolationOpened.Finding::term).toList());
    }

    @Test
    void aMessagesTraceContextTravelsThroughModerationToItsViolationsRecord() {
        String group = "generic:" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        EventEnvelope<MessagePosted> event = message(group, "m-" + UUID.randomUUID(), "周末一起网赌，带你赚大钱");
        probe.publish(event, Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"));

        ViolationOpened violation = violationsOf(group, 1, Duration.ofSeconds(15)).getFirst();
        ConsumerRecord<String, byte[]> record = probe.recordsThrough(Topics.MODERATION_VIOLATIONS,
                each -> new String(each.value(), StandardCharsets.UTF_8).contains(violation.violationId().toString()),
                Duration.ofSeconds(15)).getLast();
        String traceParent = KafkaProbe.header(record, "traceparent");
        assertNotNull(traceParent, "the violation's record carries no trace context");
        // the same trace, a span of moderation's own: the message was handled in a span whose parent came with it
        assertEquals(traceId, traceParent.split("-")[1]);
        assertNotEquals("b7ad6b7169203331", traceParent.split("-")[2]);
    }

    @Test
    void aLongMessagesEvidenceIsItsOffendingSpanInContextWithEveryLongDigitRunMasked() {
        String group = "generic:" + UUID.randomUUID();
        String text = "各位同事：本周例会纪要已整理完毕，客户编号 88123456 的报价单请财务核对；" + "进度正常。".repeat(20)
                + "另外周末一起去网赌吧，账号 6222 0212 3456 7890 127 转账。" + "谢谢配合。".repeat(20);
        probe.publish(message(group, "m-" + UUID.randomUUID(), text));

        ViolationOpened violation = violationsOf(group, 1, Duration.ofSeconds(15)).getFirst();
        assertEquals("CT-6", violation.ruleId());
        String evidence = violation.maskedEvidence();
        // 20 characters either side; the account number is masked before it is cut
        assertEquals("…正常。进度正常。进度正常。另外周末一起去网赌吧，账号 **** **** **** …", evidence);
        assertFalse(evidence.contains("88123456") || evidence.contains("客户编号"), "far from the finding: not kept");
    }

    @Test
    void sv2RepeatOffenderClimbsTheLadder() {
        String group = "generic:" + UUID.randomUUID();
        String member = memberOf(group);
        probe.publish(message(group, "m-" + UUID.randomUUID(), "你真是个白痴"));
        List<ViolationOpened> first = violationsOf(group, 1, Duration.ofSeconds(15));
        probe.publish(message(group, "m-" + UUID.randomUUID(), "脑残才这么做"));
        List<ViolationOpened> both = violationsOf(group, 2, Duration.ofSeconds(15));
        assertEquals(1, first.size());
        assertEquals(2, both.size());
        assertEquals(member, both.get(1).memberId());
        assertEquals(List.of(1, 2), both.stream().map(ViolationOpened::offence).toList());
        assertEquals(List.of(Sanction.Kind.REMINDER, Sanction.Kind.WARNING),
                both.stream().map(violation -> violation.sanction().kind()).toList());
    }

    @Test
    void cleanMessageOpensNothingAndPoisonGoesToTheDeadLetterTopicWithoutBlocking() {
        String group = "generic:" + UUID.randomUUID();
        probe.publishRaw(Topics.IM_MESSAGES, group, "{not an event".getBytes(StandardCharsets.UTF_8));
        probe.publish(message(group, "m-" + UUID.randomUUID(), "收到，下午三点前提交周报"));
        probe.publish(message(group, "m-" + UUID.randomUUID(), "周末有人去网赌吗"));

        List<ViolationOpened> violations = violationsOf(group, 1, Duration.ofSeconds(20));
        assertEquals(1, violations.size(), "the record after the poison one is still judged");
        assertEquals("CT-6", violations.get(0).ruleId());

        var dead = probe.readUntil(Topics.deadLetter("moderation-service", "messages"),
                records -> records.stream().anyMatch(r -> group.equals(r.key())), Duration.ofSeconds(15));
        var poison = dead.stream().filter(r -> group.equals(r.key())).findFirst().orElseThrow();
        assertEquals("{not an event", new String(poison.value(), StandardCharsets.UTF_8));
        assertTrue(KafkaProbe.header(poison, "dead-letter-reason") != null, "DLQ record says why");
    }

    @Test
    void aPoisonRecordAmongGoodOnesIsDeadLetteredOnceAndEveryGoodOneIsJudgedOnce() {
        String group = "generic:" + UUID.randomUUID();
        EventEnvelope<MessagePosted> before = message(group, "m-" + UUID.randomUUID(), "你真是个白痴");
        String poison = "{poison among good ones " + UUID.randomUUID();
        EventEnvelope<MessagePosted> after = message(group, "m-" + UUID.randomUUID(), "周末有人去网赌吗");
        EventEnvelope<MessagePosted> marker = message(group, "m-" + UUID.randomUUID(), "加微信领取 刷单返利");
        probe.publish(before);
        probe.publishRaw(Topics.IM_MESSAGES, group, poison.getBytes(StandardCharsets.UTF_8));
        probe.publish(after);
        probe.publish(marker);

        // whichever batches the four fell into, the one that held the poison was rolled back and handled one by one
        List<ViolationOpened> violations = new Fixtures(probe, null).violationsUntil(group, marker);
        assertEquals(List.of(before.data().messageId(), after.data().messageId()),
                violations.stream().map(ViolationOpened::messageId).toList(), "each judged once, in order");
        assertEquals(List.of(1, 2), violations.stream().map(ViolationOpened::offence).toList(),
                "the ladder counted each once");
        var dead = probe.recordsThrough(Topics.deadLetter("moderation-service", "messages"), r -> group.equals(r.key())
                && poison.equals(new String(r.value(), StandardCharsets.UTF_8)), Duration.ofSeconds(15));
        assertEquals(1, dead.stream().filter(r -> group.equals(r.key())).count(), "only the poison, once");
        given().auth().oauth2(Tokens.forTests().issue("operator", "ops-1", null)).get("/q/metrics").then()
                .statusCode(200).body(containsString("qunguan_consumer_batch_fallbacks_total{consumer=\"messages\""));
    }

    @Test
    void unknownEventTypesAreSkippedNotDeadLettered() {
        String group = "generic:" + UUID.randomUUID();
        String future = """
                {"specversion":"1.0","id":"%s","type":"qunguan.im.Reaction","source":"/x","subject":"%s",
                 "time":"2026-11-20T09:30:00Z","data":{}}""".formatted(UUID.randomUUID(), group);
        probe.publishRaw(Topics.IM_MESSAGES, group, future.getBytes(StandardCharsets.UTF_8));
        probe.publish(message(group, "m-" + UUID.randomUUID(), "加微信领取 刷单返利"));
        assertEquals(1, violationsOf(group, 1, Duration.ofSeconds(15)).size());
        // a poison record after it is dead-lettered; the unknown type, had it been, would be there before it
        String marker = "{poison marker " + UUID.randomUUID();
        probe.publishRaw(Topics.IM_MESSAGES, group, marker.getBytes(StandardCharsets.UTF_8));
        var dead = probe.recordsThrough(Topics.deadLetter("moderation-service", "messages"), r -> group.equals(r.key())
                && marker.equals(new String(r.value(), StandardCharsets.UTF_8)), Duration.ofSeconds(15));
        assertEquals(1, dead.stream().filter(r -> group.equals(r.key())).count(), "only the poison one");
    }

}
