package io.qunguan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qunguan.events.EventJson;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.BridgeClient;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.Ports;
import io.qunguan.testkit.QunguanStack;
import io.qunguan.testkit.ServiceProcess;
import io.qunguan.testkit.Tokens;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out that keeps its promises (issue 19): three moderation-service instances share {@code im.messages} on 12
 * partitions while signed webhooks arrive, and one of them is killed with SIGKILL in the middle of the load. Its
 * partitions go to the other two once the broker gives up on it (the consumers' session timeout), and then: every
 * message was moderated exactly once, every violating message has exactly one violation, and each repeat offender's
 * offences — their messages in many chats, so on several partitions and instances at once — are numbered 1 to n with
 * no number twice or missing (the ladder, SV-2).
 */
class ScaleOutSystemIT {

    private static final String SECRET = "scale-out-secret";
    private static final int PARTITIONS = 12;
    private static final int MESSAGES = 600;
    private static final int PER_SECOND = 30;
    private static final int KILLED_AT = 200;
    private static final Duration AUDIT_WITHIN = Duration.ofMinutes(3);

    private static QunguanStack stack;
    private static String run;
    private static final BridgeClient webhooks = new BridgeClient(SECRET);

    @BeforeAll
    static void startSystem() {
        Path root = Path.of(System.getProperty("qunguan.project.root", "..")).toAbsolutePath().normalize();
        Path work = QunguanStack.workDir(root.resolve("system-tests/target/stack"), "scale-");
        Tokens.generateKeyPair(work.resolve("keys"));
        run = UUID.randomUUID().toString().substring(0, 8);
        // group-service takes the webhooks; moderation-service is what scales here
        List<QunguanStack.ServiceSpec> services = QunguanStack.services(0, "qg_so_" + run + "_").stream()
                .filter(spec -> Set.of("group-service", "moderation-service").contains(spec.name())).toList();
        stack = QunguanStack.start(new QunguanStack.Settings(root, work, "so" + run + ".",
                work.resolve("keys/public.pem"), SECRET, services, true), PARTITIONS);
        stack.startReplica("moderation-service", Ports.free());
        stack.startReplica("moderation-service", Ports.free());
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Message n: every third is a repeat offender's gambling invitation, the others a colleague's plain message. */
    private static String body(int n) {
        String chat = "so-chat-" + run + "-" + n % 96;
        boolean violating = n % 3 == 0;
        String sender = violating ? "u-offender-" + run + "-" + n % 4 : "u-colleague-" + run + "-" + n;
        String text = violating ? "第" + n + "条：今晚一起网赌，稳赚不赔" : "第" + n + "条：下午三点的会议改到四点";
        return BridgeClient.message(messageId(n), chat, sender, "测试部-用户" + n, text);
    }

    private static String messageId(int n) {
        return "so-" + run + "-" + n;
    }

    @Test
    void threeModerationInstancesOnTwelvePartitionsOneKilledMidLoadModerateEveryMessageOnceAndKeepTheLadder()
            throws Exception {
        ServiceProcess victim = stack.service("moderation-service#2");
        long started = System.nanoTime();
        for (int n = 0; n < MESSAGES; n++) {
            if (n == KILLED_AT) {
                victim.kill();
            }
            String body = body(n);
            BridgeClient.Answer answer = webhooks.post(stack.service("group-service").baseUrl(), body);
            assertEquals(200, answer.status(), "message " + n + ": " + answer.body());
            long due = started + (n + 1) * 1_000_000_000L / PER_SECOND;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // the pace of the load, not a wait for an outcome
            }
        }
        int violating = (int) IntStream.range(0, MESSAGES).filter(n -> n % 3 == 0).count();

        // every message judged once: the moderation ledger holds each of the run's events exactly once
        int judged = BridgeClient.await(() -> count("SELECT count(*) FROM processed_event WHERE consumer = "
                + "'moderation-service:messages'"), count -> count >= MESSAGES, AUDIT_WITHIN);
        assertEquals(MESSAGES, judged, "each message once in the ledger");

        Map<String, List<String>> violationsByMessage = new HashMap<>();
        try (KafkaProbe probe = new KafkaProbe(stack.kafka().bootstrapServers(), stack.topicPrefix())) {
            BridgeClient.await(() -> countViolations(probe, violationsByMessage), count -> count >= violating,
                    AUDIT_WITHIN);
        }
        Set<String> expected = new TreeSet<>();
        IntStream.range(0, MESSAGES).filter(n -> n % 3 == 0).forEach(n -> expected.add(messageId(n)));
        assertEquals(expected, new TreeSet<>(violationsByMessage.keySet()), "a violation for each violating message");
        violationsByMessage.forEach((message, ids) -> assertEquals(1, Set.copyOf(ids).size(),
                message + " has " + Set.copyOf(ids).size() + " violations"));
        assertEquals(violating, count("SELECT count(*) FROM violation"), "one violation row per violating message");

        // the ladder: each offender's offences 1..n, whichever instance numbered them
        Map<String, List<Integer>> offences = offencesByOffender();
        assertEquals(4, offences.size(), offences.keySet().toString());
        for (Map.Entry<String, List<Integer>> offender : offences.entrySet()) {
            List<Integer> numbers = offender.getValue();
            assertEquals(IntStream.rangeClosed(1, numbers.size()).boxed().toList(), numbers,
                    offender.getKey() + "'s offences");
        }

        // the survivors hold all 12 partitions between them
        try (Admin admin = stack.kafka().admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("moderation-service")).all()
                    .get(30, TimeUnit.SECONDS).get("moderation-service");
            Set<TopicPartition> assigned = new TreeSet<>((a, b) -> Integer.compare(a.partition(), b.partition()));
            for (MemberDescription member : group.members()) {
                member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(stack.topicPrefix() + Topics.IM_MESSAGES))
                        .forEach(assigned::add);
            }
            assertEquals(2, group.members().size(), "the killed instance has left the group");
            assertEquals(PARTITIONS, assigned.size(), "every partition of im.messages has a consumer");
        }
        System.out.printf("[scale-out] %d messages over 96 chats at %d/s, moderation-service#2 killed after %d: %d "
                + "judged once each, %d violations (one each), offences per offender %s; 2 instances hold %d "
                + "partitions%n", MESSAGES, PER_SECOND, KILLED_AT, judged, violationsByMessage.size(),
                offences.values().stream().map(List::size).toList(), PARTITIONS);
    }

    /** Reads moderation.violations afresh into {@code byMessage}; returns how many of the run's messages have one. */
    private static int countViolations(KafkaProbe probe, Map<String, List<String>> byMessage) {
        byMessage.clear();
        for (ConsumerRecord<String, byte[]> record : probe.readAll(Topics.MODERATION_VIOLATIONS,
                Duration.ofSeconds(10))) {
            if (EventJson.read(record.value()).data() instanceof ViolationOpened opened
                    && opened.messageId() != null && opened.messageId().startsWith("so-" + run + "-")) {
                byMessage.computeIfAbsent(opened.messageId(), id -> new ArrayList<>())
                        .add(opened.violationId().toString());
            }
        }
        return byMessage.size();
    }

    private static Map<String, List<Integer>> offencesByOffender() throws SQLException {
        Map<String, List<Integer>> offences = new HashMap<>();
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT offender, offence FROM violation WHERE offence > 0 ORDER BY offender, offence");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                offences.computeIfAbsent(rows.getString(1), offender -> new ArrayList<>()).add(rows.getInt(2));
            }
        }
        return offences;
    }

    private static int count(String sql) {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl("qg_so_" + run + "_moderation"),
                stack.postgres().user(), stack.postgres().password());
    }
}
