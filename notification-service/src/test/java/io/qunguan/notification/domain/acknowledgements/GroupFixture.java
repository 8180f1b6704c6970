package io.qunguan.notification.domain.acknowledgements;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.EventPayload;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Platform;
import io.qunguan.events.PersonnelChanged.Change;
import io.qunguan.notification.domain.directory.DirectoryReplica;
import io.qunguan.notification.domain.groups.GroupReplica;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * A work group on WeCom for the tracking tests: its people in the directory, its snapshot on group.state with a policy
 * that asks for acknowledgements within an hour (a reminder at 30 minutes) and checks meetings, and its chat's messages.
 */
public final class GroupFixture {

    public static final Duration WITHIN = Duration.ofSeconds(30);

    public final String run = UUID.randomUUID().toString().substring(0, 8);
    public final String groupId = "g-" + run;
    public final String chatId = "chat-" + run;
    public final String owner;
    public final List<String> people;

    /** {@code people} letters, e.g. a, b, c: employee {@code E-a-<run>} with WeCom account {@code a-<run>}. */
    public GroupFixture(List<String> people) {
        this.people = people.stream().map(letter -> letter + "-" + run).toList();
        this.owner = employee(people.get(0));
    }

    public String employee(String letter) {
        return "E-" + letter + "-" + run;
    }

    public String user(String letter) {
        return letter + "-" + run;
    }

    public static JsonNode policy() {
        try {
            return EventJson.MAPPER.readTree("""
                    {"moderation": {
                      "acknowledgement": {"keywords": ["收到", "执行", "马上执行", "好的", "OK", "👌"], "withinMinutes": 60,
                                          "remindAfterMinutes": [30]},
                      "meetings": {"noticeHoursAhead": 24, "requiredParts": ["topic", "time", "place", "agenda"],
                                   "remindBeforeMinutes": 30, "minutesWithinHours": 24, "defaultDurationMinutes": 60}}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes the people and the group's snapshot, and waits until the replicas hold both. */
    public void publish(DirectoryReplica directory, GroupReplica groups) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<GroupSnapshot.Member> members = new ArrayList<>();
        List<EventPayload> events = new ArrayList<>();
        for (String person : people) {
            String letter = person.substring(0, person.indexOf('-'));
            events.add(new EmployeeChanged(employee(letter), Change.HIRED, "测试" + letter, "D-" + run, null, null,
                    "staff", null, false, true, Map.of("wecom", user(letter)), null, null, now));
            members.add(new GroupSnapshot.Member(employee(letter), "wecom:" + user(letter), "D-" + run, "staff",
                    person.equals(people.get(0)) ? "owner" : "member"));
        }
        events.add(new GroupSnapshot(groupId, "测试部-通知群-" + run, "department", "ACTIVE", "D-" + run, null, owner,
                List.of(), List.of("wecom:" + chatId), 1, policy(), members, List.of(), now, 0, null));
        publish(events.toArray(EventPayload[]::new));
        Awaitility.await().atMost(WITHIN).until(() -> QuarkusTransaction.requiringNew().call(() ->
                groups.find("wecom:" + chatId).isPresent()
                        && people.stream().allMatch(person -> directory.employeeOf("wecom", person).isPresent())));
    }

    /** A text message in the group's chat, posted by {@code letter} at {@code at}. */
    public MessagePosted message(String letter, String text, OffsetDateTime at) {
        return new MessagePosted("wecom:" + chatId, Platform.WECOM, chatId, "测试部-通知群", "m-" + UUID.randomUUID(),
                user(letter), "测试部-" + letter, MessageKind.TEXT, text, List.of(), at);
    }

    public static void publish(EventPayload... payloads) {
        try (KafkaProbe probe = KafkaResource.probe()) {
            for (EventPayload payload : payloads) {
                probe.publish(EventEnvelope.fresh("/test", payload));
            }
        }
    }
}
