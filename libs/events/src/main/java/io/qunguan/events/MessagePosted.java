package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A message posted in a group chat on any platform.
 *
 * @param groupId   Qunguan group id; until a chat is registered to a group, {@code <platform>:<chatId>}
 * @param mentions  platform user ids mentioned in the message
 * @param replyTo   the platform message id this one quotes or replies to, or null
 * @param voiceSeconds how long a voice message is, where the platform says; null otherwise
 * @param mediaHash    SHA-256 (hex) of an image, video or file, where the bridge computes it; null otherwise
 */
public record MessagePosted(String groupId, Platform platform, String chatId, String chatName, String messageId,
        String senderId, String senderName, MessageKind kind, String text, List<String> mentions, String replyTo,
        OffsetDateTime sentAt, Integer voiceSeconds, String mediaHash) implements EventPayload {

    public static final String TYPE = "qunguan.im.MessagePosted";

    public MessagePosted {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(kind, "kind");
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        text = text == null ? "" : text;
    }

    /** A message that is no voice message of known length. */
    public MessagePosted(String groupId, Platform platform, String chatId, String chatName, String messageId,
            String senderId, String senderName, MessageKind kind, String text, List<String> mentions, String replyTo,
            OffsetDateTime sentAt) {
        this(groupId, platform, chatId, chatName, messageId, senderId, senderName, kind, text, mentions, replyTo, sentAt,
                null, null);
    }

    /** A message that replies to nothing. */
    public MessagePosted(String groupId, Platform platform, String chatId, String chatName, String messageId,
            String senderId, String senderName, MessageKind kind, String text, List<String> mentions,
            OffsetDateTime sentAt) {
        this(groupId, platform, chatId, chatName, messageId, senderId, senderName, kind, text, mentions, null, sentAt);
    }

    /** When the message counts as posted: its own time, never later than {@code received} (a sender's clock ahead). */
    public OffsetDateTime sentNoLaterThan(OffsetDateTime received) {
        return sentAt == null || sentAt.isAfter(received) ? received : sentAt;
    }

    @Override
    public String subject() {
        return groupId;
    }
}
