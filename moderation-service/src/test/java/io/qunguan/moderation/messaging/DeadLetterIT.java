package io.qunguan.moderation.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operators' dead-letter endpoint against a real broker and database: a poison record of {@code im.messages}
 * is listed masked under moderation-service's own dead-letter topic, a replay of it fails again and leaves it, a
 * discard needs a reason and is recorded with its operator; a record dead-lettered during an old outage is replayed
 * to moderation alone and judged once.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class DeadLetterIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final String OPERATOR = TOKENS.issue("operator", "ops-1", null);

    @Inject
    EntityManager entities;

    private KafkaProbe probe;

    @BeforeEach
    void probe() {
        probe = KafkaResource.probe();
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private static JsonPath deadLetters(boolean resolved) {
        return given().auth().oauth2(OPERATOR).get("/api/dead-letters?limit=500&resolved=" + resolved).then()
                .statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> letterOf(JsonPath letters, String key) {
        List<Map<String, Object>> mine = letters.getList("findAll { it.key == '" + key + "' }");
        return mine.isEmpty() ? null : mine.get(0);
    }

    private static String path(Map<String, Object> letter) {
        return "/api/dead-letters/" + letter.get("topic") + "/" + letter.get("partition") + "/" + letter.get("offset");
    }

    @Test
    void aPoisonRecordIsListedMaskedAReplayFailsAgainAndADiscardIsRecordedWithItsOperator() {
        String group = "generic:" + UUID.randomUUID();
        probe.publishRaw(Topics.IM_MESSAGES, group, ("{not an event: call 13812345678 or mail li.si@corp.example")
                .getBytes(StandardCharsets.UTF_8));
        Map<String, Object> letter = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> letterOf(deadLetters(false), group), found -> found != null);
        assertEquals("messages", letter.get("channel"));
        assertEquals(KafkaResource.topicPrefix() + "moderation-service.messages.dlq", letter.get("topic"));
        assertEquals(KafkaResource.topicPrefix() + "im.messages", letter.get("originalTopic"));
        String preview = (String) letter.get("preview");
        assertFalse(preview.contains("13812345678") || preview.contains("li.si"), preview);

        given().get("/api/dead-letters").then().statusCode(401);
        given().auth().oauth2(TOKENS.issue("hr", "hr-1", null)).get("/api/dead-letters").then().statusCode(403);
        given().auth().oauth2(OPERATOR).post("/api/dead-letters/im.messages/0/0/replay").then().statusCode(404);

        given().auth().oauth2(OPERATOR).post(path(letter) + "/replay").then().statusCode(422)
                .body("error", containsString("failed again"));
        assertEquals(letter.get("offset"), letterOf(deadLetters(false), group).get("offset"), "still to look at");

        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{}").post(path(letter) + "/discard")
                .then().statusCode(400);
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"reason\":\"测试桥发出的坏数据\"}")
                .post(path(letter) + "/discard").then().statusCode(200);
        assertEquals(null, letterOf(deadLetters(false), group));
        JsonPath all = deadLetters(true);
        Map<String, Object> outcome = (Map<String, Object>) letterOf(all, group).get("outcome");
        assertEquals("DISCARDED", outcome.get("action"));
        assertEquals("ops-1", outcome.get("actor"));
        assertEquals("测试桥发出的坏数据", outcome.get("reason"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"reason\":\"again\"}")
                .post(path(letter) + "/discard").then().statusCode(409);
    }

    @Test
    void aReplayWhoseInstanceDiedIsListedAndTakenOverOnceItIsAbandoned() {
        String group = "generic:" + UUID.randomUUID();
        probe.publishRaw(Topics.IM_MESSAGES, group, "{not an event either".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> letter = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> letterOf(deadLetters(false), group), found -> found != null);
        // an instance claimed the replay 11 minutes ago and died before it recorded how it ended
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery("""
                        INSERT INTO dead_letter_outcome (topic, partition_no, record_offset, action, actor, at)
                        VALUES (?1, ?2, ?3, 'REPLAYING', 'ops-gone', now() - interval '11 minutes')""")
                .setParameter(1, letter.get("topic")).setParameter(2, letter.get("partition"))
                .setParameter(3, ((Number) letter.get("offset")).longValue()).executeUpdate());
        assertEquals("REPLAYING", ((Map<?, ?>) letterOf(deadLetters(false), group).get("outcome")).get("action"),
                "still to look at");

        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"reason\":\"坏数据\"}")
                .post(path(letter) + "/discard").then().statusCode(200);
        assertEquals(null, letterOf(deadLetters(false), group));
    }

    @Test
    void aRecordDeadLetteredDuringAnOldOutageIsReplayedToModerationAloneAndJudgedOnce() {
        String group = "generic:" + UUID.randomUUID();
        EventEnvelope<MessagePosted> message = Fixtures.message(group, "u-" + UUID.randomUUID(), MessageKind.TEXT,
                "周末一起网赌", OffsetDateTime.now(ZoneOffset.UTC));
        probe.publishRaw(Topics.deadLetter("moderation-service", "messages"), group, EventJson.write(message));
        Map<String, Object> letter = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> letterOf(deadLetters(false), group), found -> found != null);
        assertEquals(message.id().toString(), letter.get("eventId"));

        given().auth().oauth2(OPERATOR).post(path(letter) + "/replay").then().statusCode(200);
        given().auth().oauth2(OPERATOR).post(path(letter) + "/replay").then().statusCode(409);
        Map<String, Object> outcome = (Map<String, Object>) letterOf(deadLetters(true), group).get("outcome");
        assertEquals("REPLAYED", outcome.get("action"));

        // judged once: a marker after it, in the same group, opens the next violation
        EventEnvelope<MessagePosted> marker = Fixtures.message(group, "u-" + UUID.randomUUID(), MessageKind.TEXT,
                "有人要冰毒吗", OffsetDateTime.now(ZoneOffset.UTC));
        probe.publish(marker);
        List<ViolationOpened> before = new Fixtures(probe, entities).violationsUntil(group, marker);
        assertEquals(List.of(message.data().messageId()), before.stream().map(ViolationOpened::messageId).toList());
        given().auth().oauth2(OPERATOR).get("/q/metrics").then().statusCode(200)
                .body(containsString("qunguan_dead_letters"));
    }
}
