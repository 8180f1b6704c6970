package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.EventPayload;
import io.qunguan.events.GroupRosterPage;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.PartitionKeys;
import io.qunguan.events.Topics;
import io.qunguan.testkit.BridgeClient;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code group.state} stays bounded for very large groups and ordered with several publishers: snapshots are
 * counted, and a roster longer than the inline limit travels in pages, in the group's partition, before the
 * snapshot that lists them, each re-sent only when it changed. Here the limits are tiny (3 inline, pages of 2), so a
 * handful of members shows what tens of thousands do.
 */
@QuarkusTest
@TestProfile(GroupStateRosterIT.TinyPages.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class GroupStateRosterIT extends KafkaProbing {

    /** Rosters of more than 3 go in pages of about 2. */
    public static class TinyPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qunguan.groups.roster-inline-members", "3", "qunguan.groups.roster-page-members", "2");
        }
    }

    private static final BridgeClient BRIDGE = new BridgeClient("test-secret-current");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL root;

    /** One record of the group's on group.state, with where it lies. */
    private record Placed(int partition, long offset, EventPayload data) {
    }

    private List<Placed> recordsOf(String groupId, Predicate<List<Placed>> until) {
        List<Placed> placed = new ArrayList<>();
        probe.readUntil(Topics.GROUP_STATE, records -> {
            placed.clear();
            placed.addAll(placedOf(groupId, records));
            return until.test(placed);
        }, WAIT);
        return List.copyOf(placed);
    }

    private static List<Placed> placedOf(String groupId, List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(record -> groupId.equals(PartitionKeys.owner(record.key())))
                .map(record -> {
                    EventEnvelope<EventPayload> event = EventJson.read(record.value());
                    return new Placed(record.partition(), record.offset(), event.data());
                }).sorted(Comparator.comparingLong(Placed::offset)).toList();
    }

    private static GroupSnapshot lastSnapshot(List<Placed> placed) {
        return placed.stream().map(Placed::data).filter(GroupSnapshot.class::isInstance).map(GroupSnapshot.class::cast)
                .reduce((first, second) -> second).orElseThrow();
    }

    private static Predicate<List<Placed>> snapshotWith(int members) {
        return placed -> placed.stream().map(Placed::data).anyMatch(data -> data instanceof GroupSnapshot snapshot
                && snapshot.roster() != null && snapshot.roster().memberCount() == members);
    }

    @Test
    void aLargeRosterTravelsInBoundedPagesBeforeItsSnapshotAndAJoinResendsOnePage() {
        String s = DirectoryIT.unique();
        StringBuilder people = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            people.append(",{\"id\": \"M").append(i).append('-').append(s).append("\", \"realName\": \"成员")
                    .append(i).append("\", \"departmentId\": \"OPS-").append(s)
                    .append("\", \"platformAccounts\": {\"generic\": \"u-m").append(i).append('-').append(s)
                    .append("\"}}");
        }
        DirectoryIT.importJson("""
                {"departments": [{"id": "OPS-%1$s", "name": "运维部%1$s", "headId": "HEAD-%1$s"}],
                 "employees": [
                   {"id": "HEAD-%1$s", "realName": "钱七", "departmentId": "OPS-%1$s", "rank": "director"},
                   {"id": "OWN-%1$s", "realName": "周群主", "departmentId": "OPS-%1$s"}%2$s]}""".formatted(s, people));
        String owner = DirectoryIT.TOKENS.issue("employee", "OWN-" + s, null);
        String id = given().auth().oauth2(owner).contentType(ContentType.JSON).body("""
                        {"typeId": "department", "name": "运维部%s-值班群", "purpose": "值班", "ownerId": "OWN-%s"}"""
                        .formatted(s, s))
                .post("/api/groups").then().statusCode(201).extract().path("id");
        given().auth().oauth2(DirectoryIT.TOKENS.issue("employee", "HEAD-" + s, null)).contentType(ContentType.JSON)
                .body("{\"approve\":true,\"reason\":\"部门需要\"}").post("/api/groups/" + id + "/decision")
                .then().statusCode(200).body("status", is("APPROVED"));
        String chat = "ops-" + s;
        given().auth().oauth2(DirectoryIT.hr()).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"" + chat + "\"}").post("/api/groups/" + id + "/chats")
                .then().statusCode(200);
        // the owner (in no chat) and five members: six, more than travel inline, in four pages of at most two
        for (int i = 1; i <= 5; i++) {
            join(chat, "u-m" + i + "-" + s);
        }
        List<Placed> before = recordsOf(id, snapshotWith(6));
        GroupSnapshot six = lastSnapshot(before);
        assertEquals(List.of(), six.members());
        assertEquals(4, six.roster().pageDigests().size());

        // each listed page lies before the snapshot, in its partition, and together they are the roster
        Placed sixAt = before.stream().filter(placed -> placed.data() == six).findFirst().orElseThrow();
        Set<String> roster = new HashSet<>();
        for (int page = 0; page < 4; page++) {
            String digest = six.roster().pageDigests().get(page);
            int number = page;
            Placed pageAt = before.stream().filter(placed -> placed.data() instanceof GroupRosterPage p
                    && p.page() == number && p.digest().equals(digest)).reduce((a, b) -> b).orElseThrow();
            assertEquals(sixAt.partition(), pageAt.partition());
            assertTrue(pageAt.offset() < sixAt.offset());
            ((GroupRosterPage) pageAt.data()).members().forEach(member -> roster.add(member.platformUserId() == null ? member.employeeId()
                    : member.platformUserId()));
        }
        Set<String> expected = new HashSet<>(Set.of("OWN-" + s));
        for (int i = 1; i <= 5; i++) {
            expected.add("generic:u-m" + i + "-" + s);
        }
        assertEquals(expected, roster);

        // one more member: the next snapshot comes with the one page that changed, and a higher version
        join(chat, "u-m6-" + s);
        List<Placed> after = recordsOf(id, snapshotWith(7));
        GroupSnapshot seven = lastSnapshot(after);
        long sixOffset = sixAt.offset();
        Placed sevenAt = after.stream().filter(placed -> placed.data() == seven).findFirst().orElseThrow();
        List<GroupRosterPage> resent = after.stream()
                .filter(placed -> placed.offset() > sixOffset && placed.offset() < sevenAt.offset())
                .map(Placed::data).filter(GroupRosterPage.class::isInstance).map(GroupRosterPage.class::cast).toList();
        assertEquals(1, resent.size(), "pages re-sent: " + resent);
        assertTrue(resent.getFirst().members().stream().anyMatch(member -> ("generic:u-m6-" + s)
                .equals(member.platformUserId())));
        assertTrue(seven.version() > six.version());
        List<Long> versions = after.stream().map(Placed::data).filter(GroupSnapshot.class::isInstance)
                .map(data -> ((GroupSnapshot) data).version()).toList();
        assertEquals(versions.stream().sorted().distinct().toList(), versions, "versions rise with each snapshot");
        assertEquals(1, after.stream().map(Placed::partition).collect(Collectors.toSet()).size());
    }

    @Test
    void aSmallRosterStaysInline() {
        String s = DirectoryIT.unique();
        DirectoryIT.importJson("""
                {"departments": [{"id": "FIN-%1$s", "name": "财务部%1$s", "headId": "HEAD-%1$s"}],
                 "employees": [
                   {"id": "HEAD-%1$s", "realName": "钱七", "departmentId": "FIN-%1$s", "rank": "director"},
                   {"id": "OWN-%1$s", "realName": "周群主", "departmentId": "FIN-%1$s"}]}""".formatted(s));
        String id = given().auth().oauth2(DirectoryIT.TOKENS.issue("employee", "HEAD-" + s, null))
                .contentType(ContentType.JSON).body("""
                        {"typeId": "department", "name": "财务部%s-报销群", "purpose": "报销", "ownerId": "OWN-%s"}"""
                        .formatted(s, s))
                .post("/api/groups").then().statusCode(201).extract().path("id");
        given().auth().oauth2(DirectoryIT.hr()).contentType(ContentType.JSON)
                .body("{\"platform\":\"generic\",\"chatId\":\"fin-" + s + "\"}").post("/api/groups/" + id + "/chats")
                .then().statusCode(200);
        GroupSnapshot snapshot = lastSnapshot(recordsOf(id, placed -> placed.stream().anyMatch(
                p -> p.data() instanceof GroupSnapshot g && "ACTIVE".equals(g.status()))));
        assertNull(snapshot.roster());
        assertNotNull(snapshot.members());
        assertTrue(snapshot.members().stream().anyMatch(member -> ("OWN-" + s).equals(member.employeeId())));
        assertTrue(snapshot.version() >= 1);
    }

    private void join(String chat, String member) {
        BridgeClient.Answer answer = BRIDGE.post(root.toString().replaceAll("/$", ""),
                BridgeClient.memberJoined(chat, member, "成员", null));
        assertEquals(200, answer.status(), answer.body());
    }
}
