package io.qunguan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.testkit.BridgeClient;
import io.qunguan.testkit.QunguanStack;
import io.qunguan.testkit.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The four packaged services as separate processes on one real KRaft broker and PostgreSQL, driven only over
 * HTTP: a signed webhook in, a masked violation out through reporting (CT-4, SV-1).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonSystemIT {

    private static final String SECRET = "system-test-secret";
    private static final String ID_NUMBER = "11010519491231002X";

    private static QunguanStack stack;
    private static Tokens tokens;
    private static final BridgeClient webhooks = new BridgeClient(SECRET);

    @BeforeAll
    static void startSystem() throws Exception {
        Path root = Path.of(System.getProperty("qunguan.project.root", "..")).toAbsolutePath().normalize();
        Path work = QunguanStack.workDir(root.resolve("system-tests/target/stack"), "run-");
        Tokens.generateKeyPair(work.resolve("keys"));
        tokens = Tokens.fromPem(work.resolve("keys/private.pem"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        stack = QunguanStack.start(new QunguanStack.Settings(root, work, "st" + run + ".",
                work.resolve("keys/public.pem"), SECRET, QunguanStack.services(0, "qg_st_" + run + "_"), true));
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String group() {
        return stack.service("group-service").baseUrl();
    }

    private static JsonNode violationsOfGroup(String chat, Predicate<JsonNode> until) {
        String token = tokens.issue("hr", "hr-wang", "人力资源部");
        String url = stack.service("reporting-service").baseUrl() + "/api/violations?groupId=generic:" + chat;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            BridgeClient.Answer answer = webhooks.get(url, token);
            assertEquals(200, answer.status(), answer.body());
            last = answer.json();
            if (until.test(last)) {
                return last;
            }
            sleep(250);
        }
        return last;
    }

    @Test
    @Order(1)
    void ct4IdNumberInAWebhookBecomesAMaskedViolationInReporting() {
        String chat = "chat-" + UUID.randomUUID();
        String text = "请帮我登记，身份证号 " + ID_NUMBER + "，谢谢";
        BridgeClient.Answer answer = webhooks.post(group(), BridgeClient.message("m-" + UUID.randomUUID(), chat, "u-sun",
                "行政人事部-孙八", text));
        assertEquals(200, answer.status(), answer.body());

        JsonNode page = violationsOfGroup(chat, json -> json.path("total").asInt() >= 1);
        assertEquals(1, page.path("total").asInt(), page.toString());
        JsonNode violation = page.path("items").get(0);
        assertEquals("CT-4", violation.path("ruleId").asText());
        assertEquals("u-sun", violation.path("memberId").asText());
        assertTrue(violation.path("evidence").asText().contains("110105********002X"), violation.toString());
        assertFalse(page.toString().contains(ID_NUMBER), "the full ID number never leaves moderation");
    }

    @Test
    @Order(2)
    void aWebhookDeliveredThreeTimesYieldsOneViolation() {
        String chat = "chat-" + UUID.randomUUID();
        String body = BridgeClient.message("m-" + UUID.randomUUID(), chat, "u-zhou", "技术部-周九", "今晚一起网赌");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, webhooks.post(group(), body).status());
        }
        violationsOfGroup(chat, json -> json.path("total").asInt() >= 1);
        sleep(2000); // time for a second violation to arrive, were the redeliveries not collapsed
        JsonNode page = violationsOfGroup(chat, json -> true);
        assertEquals(1, page.path("total").asInt(), page.toString());
        assertEquals("CT-6", page.path("items").get(0).path("ruleId").asText());
    }

    @Test
    @Order(3)
    void badSignatureIs401AndOpensNoViolation() {
        String chat = "chat-" + UUID.randomUUID();
        BridgeClient.Answer answer = webhooks.post(group(),
                BridgeClient.message("m-" + UUID.randomUUID(), chat, "u-wu", "销售部-吴十", "网赌"), "not-the-secret");
        assertEquals(401, answer.status());
        sleep(3000);
        assertEquals(0, violationsOfGroup(chat, json -> true).path("total").asInt());
    }

    @Test
    @Order(4)
    void oversizedBodyIs413() {
        String body = BridgeClient.message("m-big", "chat-big", "u-x", "x", "字".repeat(400_000));
        assertEquals(413, webhooks.post(group(), body).status());
    }

    @Test
    @Order(5)
    void kafkaDownMeans503AndTheSameWebhookIsAcceptedOnceItIsBack() {
        String chat = "chat-" + UUID.randomUUID();
        String body = BridgeClient.message("m-" + UUID.randomUUID(), chat, "u-zheng", "财务部-郑十一", "这是绝密文件");
        stack.kafka().stop();
        try {
            BridgeClient.Answer refused = webhooks.post(group(), body);
            assertEquals(503, refused.status(), refused.body());
        } finally {
            stack.kafka().start();
        }
        BridgeClient.Answer accepted = retryUntil200(body, Duration.ofSeconds(60));
        assertEquals(200, accepted.status(), accepted.body());
        JsonNode page = violationsOfGroup(chat, json -> json.path("total").asInt() >= 1);
        assertEquals(1, page.path("total").asInt(), "the platform's retry is absorbed: " + page);
        assertEquals("CT-4", page.path("items").get(0).path("ruleId").asText());
    }

    private static BridgeClient.Answer retryUntil200(String body, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        BridgeClient.Answer answer = null;
        while (System.nanoTime() < deadline) {
            answer = webhooks.post(group(), body);
            if (answer.status() == 200) {
                return answer;
            }
            sleep(1000);
        }
        return answer;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
