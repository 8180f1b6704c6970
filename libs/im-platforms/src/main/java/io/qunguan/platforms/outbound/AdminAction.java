package io.qunguan.platforms.outbound;

import io.qunguan.events.Platform;
import java.time.Duration;
import java.util.Objects;

/**
 * One thing Qunguan does in a platform chat with its app's admin rights: carry out a sanction (SV-2), post a
 * reminder, rename or dismiss a chat, lift a mute an upheld appeal reversed (SV-6). Ids are the platform's own; nothing here can name a host.
 *
 * @param userId    the member acted on (remove, mute, unmute) or mentioned (post); null otherwise
 * @param messageId the platform message to recall; null otherwise
 * @param text      the new chat name (rename) or the message (post); null otherwise
 * @param muteFor   how long a mute lasts; null otherwise
 * @param key       stable across attempts: the idempotency key where the platform takes one (Feishu {@code uuid})
 */
public record AdminAction(Kind kind, Platform platform, String chatId, String userId, String messageId, String text,
        Duration muteFor, String key) {

    /** What is done. */
    public enum Kind { POST_MESSAGE, REMOVE_MEMBER, MUTE_MEMBER, UNMUTE_MEMBER, RECALL_MESSAGE, RENAME_CHAT,
        DISMISS_CHAT }

    public AdminAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(key, "key");
        boolean complete = switch (kind) {
            case REMOVE_MEMBER, UNMUTE_MEMBER -> userId != null;
            case MUTE_MEMBER -> userId != null && muteFor != null && muteFor.isPositive();
            case RECALL_MESSAGE -> messageId != null;
            case RENAME_CHAT, POST_MESSAGE -> text != null && !text.isBlank();
            case DISMISS_CHAT -> true;
        };
        if (!complete) {
            throw new IllegalArgumentException(kind + " lacks what it acts on");
        }
    }
}
