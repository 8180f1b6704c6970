package io.qunguan.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.EventJson;
import io.qunguan.testkit.BridgeClient;
import io.qunguan.testkit.Ports;
import io.qunguan.testkit.QunguanStack;
import io.qunguan.testkit.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The local run: a standalone KRaft broker, PostgreSQL (the server on 127.0.0.1:5432, else embedded), a local stand-in
 * for the IM platforms' APIs and a local SMTP server, the four packaged services on 8081–8084, a demo conversation
 * through the signed webhook, then a summary; everything stops on Ctrl-C or SIGTERM. Each run starts clean: fresh
 * topics and databases.
 */
public final class LocalRun {

    static final Path STATE = Path.of(".local");
    static final Path KEYS = STATE.resolve("keys");
    static final int FIRST_PORT = 8081;
    static final String DEMO_CHAT = "hr-notices";

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        boolean demo = !List.of(args).contains("--no-demo");
        Path root = Path.of("").toAbsolutePath();
        for (int port = FIRST_PORT; port < FIRST_PORT + 4; port++) {
            if (Ports.answers("127.0.0.1", port)) {
                System.err.println("Port " + port + " is in use; stop whatever listens there first.");
                System.exit(2);
            }
        }
        if (!Files.exists(KEYS.resolve("private.pem"))) {
            Tokens.generateKeyPair(KEYS);
        }
        String secret = localSecret();
        Path work = QunguanStack.workDir(STATE.toAbsolutePath().resolve("runs"), "run-");
        LocalOutboxes outboxes = LocalOutboxes.start();
        say("Starting Kafka (KRaft, standalone), PostgreSQL and the four services; logs in " + work);
        QunguanStack stack = QunguanStack.start(new QunguanStack.Settings(root, work, "",
                KEYS.toAbsolutePath().resolve("public.pem"), secret, QunguanStack.services(FIRST_PORT, "qunguan_local_"),
                true, withApiDocuments(outboxes.config()), QunguanStack.productionJvm(root)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping…");
            stack.close();
            outboxes.close();
            say("Stopped; ports 8081–8084 and Kafka's are free.");
            stopped.countDown();
        }, "local-run-stop"));
        say("Kafka at " + stack.kafka().bootstrapServers() + ", PostgreSQL (" + stack.postgres().origin() + ") at "
                + stack.postgres().host() + ":" + stack.postgres().port());
        if (demo) {
            replayDemo(secret);
            new GroupLifeDemo(new BridgeClient(secret), Tokens.fromPem(KEYS.resolve("private.pem")), FIRST_PORT)
                    .run(DEMO_CHAT, "http://127.0.0.1:" + (FIRST_PORT + 3));
            outboxes.showDelivered(GroupLifeDemo.EXPECTED_DELIVERIES, Duration.ofSeconds(30));
        }
        printWhereToLook();
        stopped.await();
    }

    private static String localSecret() throws IOException {
        Path file = KEYS.resolve("generic-webhook.secret");
        if (!Files.exists(file)) {
            Files.createDirectories(KEYS);
            Files.writeString(file, UUID.randomUUID().toString());
        }
        return Files.readString(file).trim();
    }

    private static void replayDemo(String secret) throws Exception {
        BridgeClient client = new BridgeClient(secret);
        List<String[]> lines;
        try (InputStream in = LocalRun.class.getResourceAsStream("/demo-conversation.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\\|", 3)).toList();
        }
        say("Replaying the demo conversation of 行政人事部-通知群 (" + lines.size() + " messages) through POST /webhooks/generic");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(lines.size());
        int n = 0;
        for (String[] line : lines) {
            var body = EventJson.MAPPER.createObjectNode();
            body.put("id", "demo-" + n);
            body.put("type", "message");
            body.putObject("chat").put("id", DEMO_CHAT).put("name", "行政人事部-通知群");
            body.putObject("sender").put("id", line[0]).put("name", line[1]);
            body.put("kind", "text");
            body.put("text", line[2]);
            body.put("sentAt", start.plusMinutes(n).withNano(0).toString());
            body.putArray("mentions");
            BridgeClient.Answer answer = client.post("http://127.0.0.1:" + FIRST_PORT, body.toString());
            System.out.printf("  %s %-14s %s%n", answer.status(), line[1], line[2]);
            n++;
        }
        // one violation per message: 孙八's secret draft breaks two rules (secrets, financials) and is one offence
        JsonNode violations = awaitViolations(client, 5);
        Map<String, Integer> byRule = new TreeMap<>();
        violations.path("items").forEach(item -> byRule.merge(item.path("ruleId").asText(), 1, Integer::sum));
        say("Violations found (GET /api/violations as hr): " + violations.path("total").asInt() + " " + byRule);
        say("Judged by the company default policy (the chat belongs to no registered group); "
                + "rules | category | offence and sanction | who | masked evidence:");
        violations.path("items").forEach(item -> System.out.printf("  %-11s %-9s %-22s %-14s %s%n",
                String.join(",", java.util.stream.StreamSupport.stream(item.path("rules").spliterator(), false)
                        .map(JsonNode::asText).toList()),
                item.path("category").asText(), sanction(item), item.path("memberName").asText(),
                item.path("evidence").asText()));
    }

    /** {@code #2 FINE ¥50}, {@code #1 MUTE 60 min}, {@code recorded}: a violation's offence and sanction. */
    static String sanction(JsonNode violation) {
        if (violation.path("sanction").isNull() || violation.path("sanction").isMissingNode()) {
            return "recorded, no sanction";
        }
        String amount = violation.hasNonNull("fineYuan") ? " ¥" + violation.path("fineYuan").asInt()
                : violation.hasNonNull("muteMinutes") ? " " + violation.path("muteMinutes").asInt() + " min" : "";
        return "#" + violation.path("offence").asInt() + " " + violation.path("sanction").asText() + amount;
    }

    private static JsonNode awaitViolations(BridgeClient client, int expected) throws InterruptedException {
        String token = Tokens.fromPem(KEYS.resolve("private.pem")).issue("hr", "hr-demo", "人力资源部");
        String url = "http://127.0.0.1:" + (FIRST_PORT + 3) + "/api/violations?size=50&groupId="
                + URLEncoder.encode("generic:" + DEMO_CHAT, StandardCharsets.UTF_8);
        JsonNode page = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            page = client.get(url, token).json();
            if (page != null && page.path("total").asInt() >= expected) {
                break;
            }
            Thread.sleep(300);
        }
        return page;
    }

    /** The local run serves the API documents and Swagger UI, which production leaves off. */
    private static Map<String, String> withApiDocuments(Map<String, String> config) {
        Map<String, String> all = new LinkedHashMap<>(config);
        all.put("quarkus.smallrye-openapi.enable", "true");
        all.put("quarkus.swagger-ui.enable", "true");
        return all;
    }

    private static void printWhereToLook() {
        say("""
                Qunguan is running. Ctrl-C stops everything.
                  group-service         http://127.0.0.1:8081/q/swagger-ui   (POST /webhooks/generic)
                  moderation-service    http://127.0.0.1:8082/q/health
                  notification-service  http://127.0.0.1:8083/q/swagger-ui   (GET /api/people/{id}/notices)
                  reporting-service     http://127.0.0.1:8084/q/swagger-ui   (GET /api/violations)
                  dashboard             http://127.0.0.1:8084/dashboard      (sign in as hr-demo, role hr; or E-ZHOU, dept-head, ADM)
                  metrics               http://127.0.0.1:808x/q/metrics
                A token:  deploy/local/token hr hr-demo 人力资源部
                Try:      curl -H "Authorization: Bearer $(deploy/local/token hr)" 'http://127.0.0.1:8084/api/violations?ruleId=CT-4'""");
    }

    private static void say(String line) {
        System.out.println("[qunguan] " + line);
    }
}
