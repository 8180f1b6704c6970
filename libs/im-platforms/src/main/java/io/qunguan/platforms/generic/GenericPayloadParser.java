package io.qunguan.platforms.generic;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.ChatCreated;
import io.qunguan.events.ChatDismissed;
import io.qunguan.events.EventPayload;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MemberLeft;
import io.qunguan.events.MemberRenamed;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.MessageRecalled;
import io.qunguan.events.Platform;
import io.qunguan.platforms.Delivery;
import io.qunguan.platforms.PlatformJson;
import io.qunguan.platforms.WebhookRejectedException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a verified generic-format body into a platform-neutral event. The delivery key is the body's id,
 * so a bridge that re-sends the same event is recognised and its event keeps its id.
 */
public class GenericPayloadParser {

    private static final Platform PLATFORM = Platform.GENERIC;
    static final List<String> TYPES = List.of("message", "recall", "member_joined", "member_left",
            "member_renamed", "chat_created", "chat_dismissed");

    /** @throws WebhookRejectedException 400 naming what is wrong */
    public Delivery parse(byte[] body) {
        JsonNode root = PlatformJson.object(body);
        String id = text(root, "id");
        String type = text(root, "type");
        String chatId = text(root.path("chat"), "chat.id");
        String groupId = PLATFORM.chatKey(chatId);
        EventPayload payload = switch (type) {
            case "message" -> new MessagePosted(groupId, PLATFORM, chatId, optionalText(root.path("chat"), "name"), id,
                    text(root.path("sender"), "sender.id"), optionalText(root.path("sender"), "name"),
                    kind(root), messageText(root), mentions(root), null, time(root, "sentAt"), voiceSeconds(root),
                    mediaHash(root));
            case "recall" -> new MessageRecalled(groupId, PLATFORM, chatId, text(root, "messageId"),
                    optionalText(root.path("operator"), "id"), time(root, "at"));
            case "member_joined" -> new MemberJoined(groupId, PLATFORM, chatId, text(root.path("member"), "member.id"),
                    optionalText(root.path("member"), "name"), optionalText(root.path("operator"), "id"), time(root, "at"));
            case "member_left" -> new MemberLeft(groupId, PLATFORM, chatId, text(root.path("member"), "member.id"),
                    optionalText(root.path("operator"), "id"), time(root, "at"));
            case "member_renamed" -> new MemberRenamed(groupId, PLATFORM, chatId, text(root.path("member"), "member.id"),
                    optionalText(root, "oldName"), text(root, "newName"), time(root, "at"));
            case "chat_created" -> new ChatCreated(groupId, PLATFORM, chatId, optionalText(root.path("chat"), "name"),
                    optionalText(root.path("operator"), "id"), time(root, "at"));
            case "chat_dismissed" -> new ChatDismissed(groupId, PLATFORM, chatId,
                    optionalText(root.path("operator"), "id"), time(root, "at"));
            default -> throw WebhookRejectedException.badRequest(
                    "unsupported type '" + type + "'; supported: " + String.join(", ", TYPES));
        };
        OffsetDateTime occurredAt = switch (payload) {
            case MessagePosted message -> message.sentAt();
            default -> time(root, "at");
        };
        return Delivery.of(PLATFORM, null, id, type).add(occurredAt, payload).build();
    }

    private static MessageKind kind(JsonNode root) {
        String kind = text(root, "kind");
        try {
            return MessageKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.badRequest("kind must be one of text, image, voice, sticker, file, link, other");
        }
    }

    private static String messageText(JsonNode root) {
        JsonNode text = root.get("text");
        if (text != null && !text.isNull() && !text.isTextual()) {
            throw WebhookRejectedException.badRequest("text must be a string");
        }
        if ((text == null || text.isNull()) && "text".equalsIgnoreCase(root.path("kind").asText())) {
            throw WebhookRejectedException.badRequest("missing field: text");
        }
        return text == null || text.isNull() ? "" : text.asText();
    }

    private static List<String> mentions(JsonNode root) {
        JsonNode mentions = root.get("mentions");
        if (mentions == null || mentions.isNull()) {
            return List.of();
        }
        if (!mentions.isArray()) {
            throw WebhookRejectedException.badRequest("mentions must be an array of user ids");
        }
        List<String> ids = new ArrayList<>();
        mentions.forEach(mention -> {
            if (!mention.isTextual()) {
                throw WebhookRejectedException.badRequest("mentions must be an array of user ids");
            }
            ids.add(mention.asText());
        });
        return ids;
    }

    private static OffsetDateTime time(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw WebhookRejectedException.badRequest(field + " must be ISO-8601 with an offset, e.g. 2026-11-20T09:30:00+08:00");
        }
    }

    private static String text(JsonNode node, String name) {
        String field = name.contains(".") ? name.substring(name.indexOf('.') + 1) : name;
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw WebhookRejectedException.badRequest("missing field: " + name);
        }
        if (!value.isTextual()) {
            throw WebhookRejectedException.badRequest(name + " must be a string");
        }
        return value.asText();
    }

    /** A voice message's length in seconds, when the bridge says ({@code voiceSeconds}, a whole number ≥ 0). */
    private static Integer voiceSeconds(JsonNode root) {
        JsonNode value = root.get("voiceSeconds");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw WebhookRejectedException.badRequest("voiceSeconds must be a whole number of seconds, 0 or more");
        }
        return value.asInt();
    }

    /** The SHA-256 of an image, video or file, when the bridge computed it ({@code mediaHash}, 64 hex characters). */
    private static String mediaHash(JsonNode root) {
        JsonNode value = root.get("mediaHash");
        if (value == null || value.isNull()) {
            return null;
        }
        String hash = value.asText().toLowerCase(Locale.ROOT);
        if (!value.isTextual() || !hash.matches("[0-9a-f]{64}")) {
            throw WebhookRejectedException.badRequest("mediaHash must be a SHA-256 in 64 hexadecimal characters");
        }
        return hash;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
