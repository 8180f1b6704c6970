package io.qunguan.moderation.messaging;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Platform;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Groups on {@code group.state}, messages on {@code im.messages} and the violations read back, for the ITs. */
final class Fixtures {

    private final KafkaProbe probe;
    private final EntityManager entities;

    Fixtures(KafkaProbe probe, EntityManager entities) {
        this.probe = probe;
        this.entities = entities;
    }

    /** Publishes a new group's snapshot with {@code moderation} as its policy's section; waits until it is applied. */
    String group(String typeId, int version, String moderation, OffsetDateTime updatedAt,
            GroupSnapshot.Member... members) {
        String groupId = "G-" + UUID.randomUUID();
        publishSnapshot(groupId, typeId, version, moderation, updatedAt, members);
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(version).equals(storedVersion(groupId)));
        return groupId;
    }

    /** The group's chat is {@code generic:chat-<groupId>}. */
    void publishSnapshot(String groupId, String typeId, int version, String moderation, OffsetDateTime updatedAt,
            GroupSnapshot.Member... members) {
        JsonNode policy;
        try {
            policy = EventJson.MAPPER.readTree("{\"naming\": {\"prefix\": \"DEPARTMENT\"}, \"moderation\": "
                    + moderation + "}");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        probe.publish(EventEnvelope.fresh("/group-service", new GroupSnapshot(groupId, "销售部-客户群", typeId, "ACTIVE",
                "D-sales", null, "E-owner", List.of(), List.of("generic:chat-" + groupId), version, policy,
                List.of(members), List.of(), updatedAt, 0, null)));
    }

    Integer storedVersion(String groupId) {
        List<?> found = QuarkusTransaction.requiringNew().call(() -> entities.createNativeQuery(
                "SELECT policy_version FROM group_policy WHERE group_id = ?1").setParameter(1, groupId).getResultList());
        return found.isEmpty() ? null : ((Number) found.get(0)).intValue();
    }

    /** A voice message of {@code seconds} (null: the platform did not say) in the group's chat. */
    static EventEnvelope<MessagePosted> voice(String groupId, String sender, Integer seconds, OffsetDateTime sentAt) {
        MessagePosted text = message(groupId, sender, MessageKind.VOICE, "[语音]", sentAt).data();
        MessagePosted posted = new MessagePosted(text.groupId(), text.platform(), text.chatId(), text.chatName(),
                text.messageId(), sender, text.senderName(), MessageKind.VOICE, text.text(), List.of(), null, sentAt,
                seconds, null);
        return EventEnvelope.of(EventIds.fromPlatform("generic", posted.messageId()), "/test", sentAt, posted);
    }

    /** An image in the group's chat whose SHA-256 the bridge gives as {@code hash} (null: it does not). */
    static EventEnvelope<MessagePosted> image(String groupId, String sender, String hash, OffsetDateTime sentAt) {
        MessagePosted text = message(groupId, sender, MessageKind.IMAGE, "[图片]", sentAt).data();
        MessagePosted posted = new MessagePosted(text.groupId(), text.platform(), text.chatId(), text.chatName(),
                text.messageId(), sender, text.senderName(), MessageKind.IMAGE, text.text(), List.of(), null, sentAt,
                null, hash);
        return EventEnvelope.of(EventIds.fromPlatform("generic", posted.messageId()), "/test", sentAt, posted);
    }

    /** A message in the group's chat, keyed by the chat as the webhooks key it. */
    static EventEnvelope<MessagePosted> message(String groupId, String sender, MessageKind kind, String text,
            OffsetDateTime sentAt) {
        String messageId = "m-" + UUID.randomUUID();
        String chat = groupId.startsWith("G-") ? "chat-" + groupId : groupId.substring(groupId.indexOf(':') + 1);
        MessagePosted posted = new MessagePosted(Platform.GENERIC.chatKey(chat), Platform.GENERIC, chat, "销售部-客户群",
                messageId, sender, "销售部-赵六", kind, text, List.of(), sentAt);
        return EventEnvelope.of(EventIds.fromPlatform("generic", messageId), "/test", sentAt, posted);
    }

    /**
     * The events of {@code type} on {@code moderation.violations} keyed {@code groupId}, once {@code until} holds of
     * them; an {@link AssertionError} when it does not within {@code window}.
     */
    static <T> List<T> published(KafkaProbe probe, String groupId, Class<T> type, Predicate<List<T>> until,
            Duration window) {
        return decode(probe.readUntil(Topics.MODERATION_VIOLATIONS, records -> until.test(decode(records, groupId,
                type)), window), groupId, type);
    }

    private static <T> List<T> decode(List<ConsumerRecord<String, byte[]>> records, String groupId, Class<T> type) {
        return records.stream().filter(record -> groupId.equals(record.key()))
                .map(record -> EventJson.read(record.value()).data()).filter(type::isInstance).map(type::cast)
                .toList();
    }

    /**
     * Every violation of {@code groupId} up to the one of {@code marker}, a message sent last to the group that opens
     * one: one group's messages are judged in order, so nothing sent before the marker is still to come.
     */
    List<ViolationOpened> violationsUntil(String groupId, EventEnvelope<MessagePosted> marker) {
        String messageId = marker.data().messageId();
        List<ViolationOpened> all = published(probe, groupId, ViolationOpened.class,
                violations -> violations.stream().anyMatch(violation -> violation.messageId().equals(messageId)),
                Duration.ofSeconds(30));
        int end = all.stream().map(ViolationOpened::messageId).toList().indexOf(messageId);
        if (end < 0) {
            throw new AssertionError("the marker " + messageId + " opened no violation within 30 s: " + all);
        }
        return all.subList(0, end);
    }

    /** The violations of {@code groupId} once at least {@code atLeast} are there; an error when they are not in time. */
    List<ViolationOpened> violationsOf(String groupId, int atLeast, Duration window) {
        return published(probe, groupId, ViolationOpened.class, violations -> violations.size() >= atLeast, window);
    }
}
