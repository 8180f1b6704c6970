package io.qunguan.moderation.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventJson;
import io.qunguan.events.LexiconApproved;
import io.qunguan.events.MessageKind;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.moderation.config.CurrentLexicon;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lexicon as managed policy against a real broker and database: HR proposes a term, dry-runs it on a sample,
 * a second person approves it, and the instance swaps to it on the {@code LexiconApproved} event (its periodic check
 * is an hour away in the tests) and flags the term in the next message; what would not build, a proposer deciding
 * their own proposal, an approval without a dry run and one overtaken by a newer version are refused.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class LexiconIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLEAN = "甲乙丙丁戊己庚辛壬癸";

    @Inject
    EntityManager entities;
    @Inject
    CurrentLexicon lexicon;

    private KafkaProbe probe;
    private Fixtures fixtures;
    private String term;
    private String proposer;
    private String approver;

    @BeforeEach
    void probe() {
        probe = KafkaResource.probe();
        fixtures = new Fixtures(probe, entities);
        Random random = new Random();
        // a term no other test writes: 盘口 and three characters drawn from a list no lexicon holds
        term = "盘口" + random.ints(3, 0, CLEAN.length()).mapToObj(i -> String.valueOf(CLEAN.charAt(i)))
                .reduce("", String::concat);
        proposer = TOKENS.issue("hr", "hr-proposer-" + random.nextInt(1_000_000), null);
        approver = TOKENS.issue("hr", "hr-approver-" + random.nextInt(1_000_000), null);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private int propose(String token, Map<String, Object> change) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("reason", "盘口 is how our region's betting groups write it", "changes", List.of(change)))
                .post("/api/lexicon/proposals").then().statusCode(201).body("status", is("PROPOSED"))
                .extract().path("version");
    }

    @Test
    void aProposalDryRunAndApprovedByASecondPersonTakesEffectOnTheEvent() {
        given().auth().oauth2(proposer).get("/api/lexicon/versions").then().statusCode(200)
                .body("version", hasItem(1)).body("find { it.version == 1 }.status", is("APPROVED"))
                .body("find { it.version == 1 }.fileLines.'gambling.txt'", greaterThan(5));
        String message = "今晚" + term + "见";
        assertTrue(lexicon.engine().scan(message).isEmpty(), "the term is new: " + lexicon.engine().scan(message));
        int before = lexicon.version();

        int version = propose(proposer, Map.of("file", "gambling.txt", "add", List.of(term)));
        given().auth().oauth2(approver).contentType("application/json")
                .body(Map.of("approve", true, "reason", "agreed")).post("/api/lexicon/proposals/{v}/decision", version)
                .then().statusCode(409).body("error", containsString("dry-run"));

        given().auth().oauth2(proposer).contentType("application/json")
                .body(Map.of("messages", List.of(message, "月度总结请周五前发我", "网上赌博")))
                .post("/api/lexicon/proposals/{v}/dry-run", version).then().statusCode(200)
                .body("sampleSize", is(3)).body("flaggedBefore", is(1)).body("flaggedAfter", is(2))
                .body("changed", is(1)).body("differences[0].index", is(0))
                .body("differences[0].before", empty())
                .body("differences[0].after[0].category", is("gambling"))
                .body("differences[0].after[0].term", is(term));

        given().auth().oauth2(proposer).contentType("application/json")
                .body(Map.of("approve", true, "reason", "mine")).post("/api/lexicon/proposals/{v}/decision", version)
                .then().statusCode(403);
        given().auth().oauth2(approver).contentType("application/json")
                .body(Map.of("approve", true, "reason", "seen in three groups last week"))
                .post("/api/lexicon/proposals/{v}/decision", version).then().statusCode(200)
                .body("status", is("APPROVED")).body("dryRun.changed", is(1));

        // the instance swaps on the event: its periodic check is an hour away
        await().atMost(WAIT).until(() -> lexicon.version() == version);
        assertTrue(version > before);
        List<LexiconApproved> approved = probe.readUntil(Topics.MODERATION_LEXICON,
                        records -> records.stream().anyMatch(record -> record.value() != null
                                && new String(record.value()).contains("\"version\":" + version)), WAIT).stream()
                .map(record -> EventJson.read(record.value()).data()).filter(LexiconApproved.class::isInstance)
                .map(LexiconApproved.class::cast).filter(event -> event.version() == version).toList();
        assertEquals(1, approved.size());
        assertEquals(before, approved.getFirst().basedOn());

        String groupId = "generic:chat-lexicon-" + version;
        probe.publish(Fixtures.message(groupId, "u-better", MessageKind.TEXT, message,
                OffsetDateTime.now(ZoneOffset.UTC)));
        ViolationOpened violation = fixtures.violationsOf(groupId, 1, WAIT).getFirst();
        assertEquals(term, violation.findings().getFirst().term());
        given().auth().oauth2(TOKENS.issue("auditor", "audit-1", null))
                .get("/api/lexicon/versions/{v}/files", version).then().statusCode(200)
                .body("'gambling.txt'", containsString(term));
    }

    @Test
    void whatWouldNotBuildAProposalOfAnotherRoleAndOneOvertakenByANewerVersionAreRefused() {
        given().auth().oauth2(proposer).contentType("application/json")
                .body(Map.of("reason", "tidy", "changes", List.of(Map.of("file", "gambling.txt",
                        "remove", List.of("no such term " + term)))))
                .post("/api/lexicon/proposals").then().statusCode(422).body("error", containsString("has no line"));
        given().auth().oauth2(proposer).contentType("application/json")
                .body(Map.of("reason", "broken", "changes", List.of(Map.of("file", "lexicon.properties",
                        "content", "categories=projects\n"))))
                .post("/api/lexicon/proposals").then().statusCode(422)
                .body("error", containsString("would not build"));
        given().auth().oauth2(proposer).contentType("application/json")
                .body(Map.of("changes", List.of(Map.of("file", "gambling.txt", "add", List.of(term)))))
                .post("/api/lexicon/proposals").then().statusCode(422).body("error", containsString("reason"));
        given().auth().oauth2(TOKENS.issue("employee", "E-someone", "D-ops")).contentType("application/json")
                .body(Map.of("reason", "x", "changes", List.of(Map.of("file", "gambling.txt", "add", List.of(term)))))
                .post("/api/lexicon/proposals").then().statusCode(403);
        given().contentType("application/json").body(Map.of("reason", "x"))
                .post("/api/lexicon/proposals").then().statusCode(401);

        // two proposals on the same version: once one is approved the other is proposed again, not applied over it
        int first = propose(proposer, Map.of("file", "gambling.txt", "add", List.of(term)));
        int second = propose(proposer, Map.of("file", "gambling.txt", "add", List.of(term + "甲")));
        for (int version : new int[] {first, second}) {
            given().auth().oauth2(proposer).contentType("application/json").body(Map.of("messages", List.of("你好")))
                    .post("/api/lexicon/proposals/{v}/dry-run", version).then().statusCode(200).body("changed", is(0));
        }
        given().auth().oauth2(approver).contentType("application/json").body(Map.of("approve", true, "reason", "ok"))
                .post("/api/lexicon/proposals/{v}/decision", first).then().statusCode(200);
        given().auth().oauth2(approver).contentType("application/json").body(Map.of("approve", true, "reason", "ok"))
                .post("/api/lexicon/proposals/{v}/decision", second).then().statusCode(409)
                .body("error", containsString("propose the change again"));
        given().auth().oauth2(approver).contentType("application/json").body(Map.of("approve", false, "reason", "stale"))
                .post("/api/lexicon/proposals/{v}/decision", second).then().statusCode(200)
                .body("status", is("REJECTED"));
        given().auth().oauth2(approver).contentType("application/json").body(Map.of("approve", true, "reason", "ok"))
                .post("/api/lexicon/proposals/{v}/decision", second).then().statusCode(409)
                .body("error", containsString("REJECTED"));
        await().atMost(WAIT).until(() -> lexicon.version() >= first);
    }
}
