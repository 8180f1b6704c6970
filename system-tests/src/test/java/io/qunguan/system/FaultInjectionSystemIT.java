package io.qunguan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qunguan.events.EventJson;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.BridgeClient;
import io.qunguan.testkit.KafkaProbe;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection suite: the four packaged services on their own broker and databases under a steady load of
 * signed webhooks, each delivered three times at once (and again, as a platform does, until one is answered 200),
 * while each service in turn and then the broker are killed with SIGKILL and restarted, and PostgreSQL is taken
 * away from every service for 15 s. Then a sequence audit: every acknowledged webhook became exactly one violation,
 * one reporting row and one notice, at most one platform action, and nothing of the run is in a dead-letter topic.
 * The counts are printed; any loss or duplicate fails the suite.
 */
class FaultInjectionSystemIT {

    private static final String SECRET = "fault-suite-secret";
    private static final Duration AUDIT_WITHIN = Duration.ofMinutes(4);

    private static QunguanStack stack;
    private static String run;
    private static final BridgeClient webhooks = new BridgeClient(SECRET);

    @BeforeAll
    static void startSystem() throws Exception {
        Path root = Path.of(System.getProperty("qunguan.project.root", "..")).toAbsolutePath().normalize();
        Path work = QunguanStack.workDir(root.resolve("system-tests/target/stack"), "faults-");
        Tokens.generateKeyPair(work.resolve("keys"));
        run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("qunguan.notifications.quiet-hours", "none");
        config.put("qunguan.notifications.working-days-only", "false");
        config.put("qunguan.notifications.group-quiet-hours", "false");
        stack = QunguanStack.start(new QunguanStack.Settings(root, work, "ft" + run + ".",
                work.resolve("keys/public.pem"), SECRET, QunguanStack.services(0, "qg_ft_" + run + "_"), true,
                config));
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Signed webhooks at a steady rate, each delivered three times at once, again until one is answered 200. */
    private static final class Load implements AutoCloseable {

        private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        private final AtomicInteger deliveries = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Future<?>> pending = new ArrayList<>();
        private final Thread pacer;

        Load(int perSecond, List<String> chats) {
            pacer = Thread.ofPlatform().name("load").start(() -> {
                long n = 0;
                long started = System.nanoTime();
                while (running.get()) {
                    String chat = chats.get((int) (n % chats.size()));
                    String messageId = "ft-" + run + "-" + n;
                    String body = BridgeClient.message(messageId, chat, "u-" + run + "-" + n, "测试部-用户" + n,
                            "第" + n + "条：今晚一起网赌");
                    synchronized (pending) {
                        pending.add(senders.submit(() -> {
                            deliver(messageId, body);
                            return null;
                        }));
                    }
                    n++;
                    long due = started + n * 1_000_000_000L / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
        }

        /**
         * Three deliveries at once; when none is answered 200, again after a pause that doubles up to 5 s, as a
         * platform retries, for up to 3 minutes.
         */
        private void deliver(String messageId, String body) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long pause = 500;
            while (System.nanoTime() < deadline) {
                List<Future<Integer>> attempts = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    attempts.add(senders.submit(() -> status(body)));
                }
                boolean accepted = false;
                for (Future<Integer> attempt : attempts) {
                    deliveries.incrementAndGet();
                    if (attempt.get() == 200) {
                        accepted = true;
                    } else {
                        refused.incrementAndGet();
                    }
                }
                if (accepted) {
                    acknowledged.put(messageId, body);
                    return;
                }
                Thread.sleep(pause);
                pause = Math.min(5_000, pause * 2);
            }
        }

        private static int status(String body) {
            try {
                return webhooks.post(stack.service("group-service").baseUrl(), body).status();
            } catch (RuntimeException e) {
                return -1; // connection refused while group-service is down
            }
        }

        /** Stops sending new messages and waits until every message sent was answered 200. */
        Set<String> stopAndDrain() throws Exception {
            running.set(false);
            pacer.join();
            List<Future<?>> all;
            synchronized (pending) {
                all = List.copyOf(pending);
            }
            for (Future<?> future : all) {
                future.get();
            }
            assertEquals(all.size(), acknowledged.size(), "every message sent was acknowledged in the end");
            return Set.copyOf(acknowledged.keySet());
        }

        @Override
        public void close() {
            running.set(false);
            senders.shutdownNow();
        }
    }

    @Test
    void underKillsOfEveryServiceAndTheBrokerAndAPostgresOutageNothingIsLostOrDuplicated() throws Exception {
        List<String> chats = List.of("ft-chat-a-" + run, "ft-chat-b-" + run, "ft-chat-c-" + run, "ft-chat-d-" + run);
        Set<String> acknowledged;
        List<String> faults = new ArrayList<>();
        try (Load load = new Load(8, chats)) {
            pace(Duration.ofSeconds(5));
            for (String service : List.of("moderation-service", "notification-service", "reporting-service",
                    "group-service")) {
                ServiceProcess process = stack.service(service);
                process.kill();
                faults.add("kill -9 " + service);
                pace(Duration.ofSeconds(2));
                process.start();
                process.awaitReady(Duration.ofSeconds(90));
                pace(Duration.ofSeconds(3));
            }
            stack.kafka().kill();
            faults.add("kill -9 the broker");
            pace(Duration.ofSeconds(3));
            stack.kafka().start();
            pace(Duration.ofSeconds(5));
            stack.postgresProxy().cut();
            faults.add("PostgreSQL away for 15 s");
            pace(Duration.ofSeconds(15));
            stack.postgresProxy().restore();
            pace(Duration.ofSeconds(5));
            acknowledged = load.stopAndDrain();
            System.out.printf("[faults] %s; %d messages acknowledged after %d deliveries (%d refused: 5xx or "
                    + "connection refused while a part was down)%n", String.join(", ", faults), acknowledged.size(),
                    load.deliveries.get(), load.refused.get());
        }
        audit(acknowledged);
    }

    /** Paces the fault sequence while the load runs; nothing is asserted on the strength of this wait. */
    private static void pace(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private void audit(Set<String> acknowledged) throws Exception {
        // reporting is last in line: once it holds every message's violation, the others have theirs
        BridgeClient.await(() -> count("reporting", "SELECT count(*) FROM violation_view WHERE message_id LIKE ?",
                "ft-" + run + "-%"), reported -> reported >= acknowledged.size(), AUDIT_WITHIN);

        Map<String, Set<String>> violationsByMessage = new HashMap<>();
        int violationRecords = 0;
        try (KafkaProbe probe = new KafkaProbe(stack.kafka().bootstrapServers(), stack.topicPrefix())) {
            for (ConsumerRecord<String, byte[]> record : probe.readAll(Topics.MODERATION_VIOLATIONS,
                    Duration.ofSeconds(60))) {
                if (EventJson.read(record.value()).data() instanceof ViolationOpened opened
                        && opened.messageId() != null && opened.messageId().startsWith("ft-" + run + "-")) {
                    violationRecords++;
                    violationsByMessage.computeIfAbsent(opened.messageId(), id -> new HashSet<>())
                            .add(opened.violationId().toString());
                }
            }
            int deadLettered = 0;
            for (Topics.Consumer consumer : Topics.CONSUMERS) {
                for (ConsumerRecord<String, byte[]> record : probe.readAll(consumer.deadLetterTopic(),
                        Duration.ofSeconds(30))) {
                    if (record.key() != null && record.key().contains(run)) {
                        deadLettered++;
                        System.out.printf("[faults] dead-lettered by %s: %s (%s)%n", consumer.deadLetterTopic(),
                                record.key(), KafkaProbe.header(record, "dead-letter-reason"));
                    }
                }
            }
            Set<String> violations = new HashSet<>();
            violationsByMessage.values().forEach(violations::addAll);
            long duplicates = violationsByMessage.values().stream().filter(ids -> ids.size() > 1).count();
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(violationsByMessage.keySet());
            int reported = count("reporting", "SELECT count(*) FROM violation_view WHERE message_id LIKE ?",
                    "ft-" + run + "-%");
            int reportedDistinct = count("reporting",
                    "SELECT count(DISTINCT message_id) FROM violation_view WHERE message_id LIKE ?", "ft-" + run + "-%");
            // notification-service may still be working through its backlog: the count is awaited, then asserted
            int noticed = BridgeClient.await(() -> countIn("notification", "SELECT count(*) FROM notice WHERE kind = "
                    + "'VIOLATION' AND subject_id::text = ANY (?)", violations), count -> count >= violations.size(),
                    AUDIT_WITHIN);
            int actions = countIn("group", "SELECT count(*) FROM platform_action WHERE violation_id::text = ANY (?)",
                    violations);
            int actionsTwice = countIn("group", "SELECT count(*) FROM (SELECT violation_id FROM platform_action WHERE "
                    + "violation_id::text = ANY (?) GROUP BY violation_id HAVING count(*) > 1) AS twice", violations);
            System.out.printf("[faults] audit: %d acknowledged; violations for %d of them (%d records on the topic, %d "
                    + "messages with two violations, %d lost); %d reporting rows for %d messages; %d notices; %d "
                    + "platform actions (%d violations with more than one); %d records of the run dead-lettered%n",
                    acknowledged.size(), violationsByMessage.size(), violationRecords, duplicates, lost.size(),
                    reported, reportedDistinct, noticed, actions, actionsTwice, deadLettered);

            assertEquals(Set.of(), lost, "every acknowledged webhook was judged");
            assertEquals(acknowledged, violationsByMessage.keySet(), "no violation for a message nobody sent");
            assertEquals(0, duplicates, "one violation per message");
            assertEquals(acknowledged.size(), reported, "one reporting row per violation");
            assertEquals(acknowledged.size(), reportedDistinct);
            assertEquals(violations.size(), noticed, "one notice per violation");
            assertEquals(0, actionsTwice, "at most one platform action per violation");
            assertEquals(0, deadLettered, "nothing of the run in a dead-letter topic");
            assertTrue(acknowledged.size() > 100, "the load ran: " + acknowledged.size());
        }
    }

    private static String database(String service) {
        return "qg_ft_" + run + "_" + service;
    }

    private static int count(String service, String sql, String parameter) {
        try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl(database(service)),
                stack.postgres().user(), stack.postgres().password());
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(service + ": " + e.getMessage(), e);
        }
    }

    private static int countIn(String service, String sql, Set<String> values) {
        try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl(database(service)),
                stack.postgres().user(), stack.postgres().password());
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("text", values.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(service + ": " + e.getMessage(), e);
        }
    }
}
