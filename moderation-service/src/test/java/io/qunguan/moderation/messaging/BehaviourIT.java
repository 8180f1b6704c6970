package io.qunguan.moderation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.MessageKind;
import io.qunguan.events.Sanction;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour over time by each group's limits (BH-1 flooding, BH-3 images, BH-4 voice), against a real broker and
 * database. The clock is the messages' own time: a test sends a burst "within a minute" by stamping it so.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class BehaviourIT {

    private static final String LIMITS = """
            {"contentActions": {"flood": "SANCTION", "short-run": "SANCTION", "filler-run": "RECORD",
                                "images": "SANCTION", "voice": "SANCTION", "group-flood": "RECORD"},
             "flood": {"maxMessages": 5, "perSeconds": 60, "shortRun": 4, "shortLength": 4, "fillerRun": 3},
             "images": {"maxImages": 9, "perSeconds": 300},
             "voice": {"allowed": false}}""";

    @Inject
    EntityManager entities;

    private KafkaProbe probe;
    private Fixtures fixtures;
    private final OffsetDateTime start = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.ofHours(8));

    @BeforeEach
    void probe() {
        probe = KafkaResource.probe();
        fixtures = new Fixtures(probe, entities);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private String group() {
        return group(LIMITS);
    }

    private String group(String limits) {
        return fixtures.group("department", 1, limits, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private void send(String groupId, String sender, MessageKind kind, String text, int secondsAfterStart) {
        probe.publish(Fixtures.message(groupId, sender, kind, text, start.plusSeconds(secondsAfterStart)));
    }

    /** The violations before a last, gambling, message by someone else: everything the test's messages opened. */
    private List<ViolationOpened> violationsOf(String groupId) {
        var marker = Fixtures.message(groupId, "u-marker-" + UUID.randomUUID(), MessageKind.TEXT, "周末一起网赌",
                start.plusHours(2));
        probe.publish(marker);
        return fixtures.violationsUntil(groupId, marker);
    }

    private static List<String> categories(ViolationOpened violation) {
        return violation.findings().stream().map(ViolationOpened.Finding::category).toList();
    }

    @Test
    void bh1ABurstOfMessagesIsOneViolationAndANewBurstAfterAPauseIsAnother() {
        String groupId = group();
        String sender = "u-" + UUID.randomUUID();
        for (int i = 0; i < 9; i++) { // nine within 45 s: the sixth goes over five a minute
            send(groupId, sender, MessageKind.TEXT, "第" + i + "批物料已经到仓库了，请各位核对", i * 5);
        }
        for (int i = 0; i < 6; i++) { // ten minutes later, six more within 30 s: a second burst
            send(groupId, sender, MessageKind.TEXT, "补充说明第" + i + "项，请各位核对", 600 + i * 5);
        }
        List<ViolationOpened> violations = violationsOf(groupId);
        assertEquals(2, violations.size(), "one violation per burst, not one per message: " + violations);
        assertEquals(List.of("flood"), categories(violations.get(0)));
        assertEquals("BH-1", violations.get(0).ruleId());
        assertEquals(start.plusSeconds(25).toInstant(), violations.get(0).openedAt().toInstant(),
                "the sixth message in a minute starts the burst");
        assertEquals(start.plusSeconds(625).toInstant(), violations.get(1).openedAt().toInstant());
        assertEquals(List.of(1, 2), violations.stream().map(ViolationOpened::offence).toList());
        assertEquals(Sanction.Kind.WARNING, violations.get(1).sanction().kind(), "the second burst climbs the ladder");
    }

    @Test
    void bh1ARunOfShortMessagesIsOneViolationAndStickersInARowAreRecorded() {
        String groupId = group();
        String talker = "u-" + UUID.randomUUID();
        String other = "u-" + UUID.randomUUID();
        send(groupId, talker, MessageKind.TEXT, "在吗", 0);
        send(groupId, talker, MessageKind.TEXT, "看下", 20);
        send(groupId, other, MessageKind.TEXT, "在", 40); // someone between: the run starts again
        send(groupId, talker, MessageKind.TEXT, "急", 100);
        send(groupId, talker, MessageKind.TEXT, "快点", 120);
        send(groupId, talker, MessageKind.TEXT, "人呢", 140);
        send(groupId, talker, MessageKind.TEXT, "？？", 160); // the fourth in a row
        send(groupId, talker, MessageKind.TEXT, "喂", 180);   // still the same run: no second violation
        send(groupId, other, MessageKind.STICKER, "", 300);
        send(groupId, other, MessageKind.TEXT, "👍👍", 320);
        send(groupId, other, MessageKind.TEXT, "早上好！", 340); // three fillers in a row
        send(groupId, other, MessageKind.TEXT, "下午两点开会，地点三楼会议室", 400);

        List<ViolationOpened> violations = violationsOf(groupId);
        assertEquals(2, violations.size(), violations.toString());
        assertEquals(List.of("short-run"), categories(violations.get(0)));
        assertEquals(talker, violations.get(0).memberId());
        assertEquals(start.plusSeconds(160).toInstant(), violations.get(0).openedAt().toInstant());
        assertEquals(List.of("filler-run"), categories(violations.get(1)));
        assertEquals(other, violations.get(1).memberId());
        assertEquals(null, violations.get(1).sanction(), "the policy only records filler runs");
    }

    @Test
    void bh3TenImagesInAMinuteAndBh4AVoiceMessageInATextOnlyGroup() {
        String groupId = group(LIMITS.replace("\"maxMessages\": 5", "\"maxMessages\": 20")
                .replace("\"perSeconds\": 300", "\"perSeconds\": 60"));
        String photographer = "u-" + UUID.randomUUID();
        for (int i = 0; i < 12; i++) { // twelve images in 66 s: the tenth within a minute is one over nine
            send(groupId, photographer, MessageKind.IMAGE, "[图片]", i * 6);
        }
        String speaker = "u-" + UUID.randomUUID();
        send(groupId, speaker, MessageKind.VOICE, "[语音]", 2000);

        List<ViolationOpened> violations = violationsOf(groupId);
        assertEquals(2, violations.size(), violations.toString());
        assertEquals(List.of("images"), categories(violations.get(0)));
        assertEquals("BH-3", violations.get(0).ruleId());
        assertEquals(start.plusSeconds(54).toInstant(), violations.get(0).openedAt().toInstant());
        assertEquals(List.of("voice"), categories(violations.get(1)));
        assertEquals("BH-4", violations.get(1).ruleId());
        assertEquals(speaker, violations.get(1).memberId());
    }

    @Test
    void bh2AMessageInRestTimeIsAViolationAnUrgentOneIsOnRecordAndTooManyUrgentOnesAreFlagged() {
        String employee = "u-" + UUID.randomUUID();
        String customer = "u-" + UUID.randomUUID();
        String groupId = fixtures.group("customer", 1, """
                {"contentActions": {"quiet-hours": "SANCTION", "urgent-in-quiet-hours": "RECORD",
                                    "urgent-overuse": "SANCTION"},
                 "quietHours": {"from": "22:00", "to": "07:30", "zone": "Asia/Shanghai"},
                 "urgent": {"markers": ["【紧急】", "急", "#urgent"], "allowancePerWeek": 2}}""",
                OffsetDateTime.now(ZoneOffset.UTC),
                new GroupSnapshot.Member("E-9", "generic:" + employee, "D-sales", "staff", "MEMBER"));
        OffsetDateTime tuesdayNight = OffsetDateTime.parse("2026-12-01T23:30:00+08:00");
        String[][] messages = {
            {employee, "明天的报价单我整理好了", "0"},                       // rest time, not urgent
            {employee, "【紧急】服务器宕机，请值班同事马上处理", "300"},      // urgent: on record
            {customer, "你好，请问发货了吗", "400"},                        // a customer is not bound by staff rules
            {employee, "急：客户投诉，需要今晚回电", "600"},                 // second urgent, within the allowance
            {employee, "#urgent 机房断电", "900"},                          // third in a week: over the allowance
            {employee, "早上好，今天的排班如下", "30600"},                    // 08:00 Wednesday: working time
        };
        for (String[] message : messages) {
            probe.publish(Fixtures.message(groupId, message[0], MessageKind.TEXT, message[1],
                    tuesdayNight.plusSeconds(Long.parseLong(message[2]))));
        }
        probe.publish(Fixtures.message(groupId, employee, MessageKind.TEXT, "周末的展会资料发群里了",
                OffsetDateTime.parse("2026-12-05T10:00:00+08:00"))); // a Saturday
        probe.publish(Fixtures.message(groupId, employee, MessageKind.TEXT, "调休上班，今天照常发货",
                OffsetDateTime.parse("2026-10-10T10:00:00+08:00"))); // a Saturday made a working day (调休)

        List<ViolationOpened> violations = violationsOf(groupId);
        assertEquals(List.of(List.of("quiet-hours"), List.of("urgent-in-quiet-hours"), List.of("urgent-in-quiet-hours"),
                        List.of("urgent-in-quiet-hours", "urgent-overuse"), List.of("quiet-hours")),
                violations.stream().map(BehaviourIT::categories).toList());
        assertEquals("BH-2", violations.get(0).ruleId());
        assertEquals("E-9", violations.get(0).employeeId());
        assertEquals(Sanction.Kind.REMINDER, violations.get(0).sanction().kind());
        assertEquals(null, violations.get(1).sanction(), "an urgent message in rest time is on record only");
        assertEquals(0, violations.get(1).offence());
        assertEquals(2, violations.get(3).offence(), "the overuse is the second offence");
        assertEquals(OffsetDateTime.parse("2026-12-05T10:00:00+08:00").toInstant(),
                violations.get(4).openedAt().toInstant(), "weekends are rest time");
    }

    @Test
    void bh4AVoiceMessageLongerThanThePolicyAllowsIsFlaggedWhereTheLengthIsKnown() {
        String groupId = fixtures.group("department", 1, """
                {"contentActions": {"long-voice": "SANCTION"}, "voice": {"allowed": true, "maxSeconds": 60}}""",
                OffsetDateTime.now(ZoneOffset.UTC));
        String speaker = "u-" + UUID.randomUUID();
        probe.publish(Fixtures.voice(groupId, speaker, 45, start));
        probe.publish(Fixtures.voice(groupId, speaker, 90, start.plusMinutes(1)));
        probe.publish(Fixtures.voice(groupId, speaker, null, start.plusMinutes(2)));

        List<ViolationOpened> violations = violationsOf(groupId);
        assertEquals(List.of(List.of("long-voice")), violations.stream().map(BehaviourIT::categories).toList());
        assertEquals("a voice message of 90 s, longer than 60 s", violations.get(0).findings().get(0).term());
    }
}
