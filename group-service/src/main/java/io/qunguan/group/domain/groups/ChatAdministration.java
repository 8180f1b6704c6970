package io.qunguan.group.domain.groups;

import io.qunguan.events.Platform;
import java.time.Duration;
import java.util.Objects;

/**
 * What group-service does in a platform chat with its app's admin rights (SV-2): the domain's port to the platforms,
 * implemented by the platform adapter.
 */
public interface ChatAdministration {

    /** What is done in the chat. */
    enum Action { POST_MESSAGE, REMOVE_MEMBER, MUTE_MEMBER, UNMUTE_MEMBER, RECALL_MESSAGE, RENAME_CHAT, DISMISS_CHAT }

    /**
     * One call. Ids are the platform's own.
     *
     * @param userId    the member acted on (remove, mute) or mentioned (post); null otherwise
     * @param messageId the message to recall; null otherwise
     * @param text      the new chat name (rename) or the message (post); null otherwise
     * @param muteFor   how long a mute lasts; null otherwise
     * @param key       stable across attempts: the idempotency key where the platform takes one
     */
    record Request(Action action, Platform platform, String chatId, String userId, String messageId, String text,
            Duration muteFor, String key) {

        public Request {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(key, "key");
        }
    }

    /** What the platform made of one call. */
    enum Status {
        /** Done. */
        DONE,
        /** No API for it, or no credentials: a person must do it. */
        NOT_OFFERED,
        /** Refused (no permission, not the app's chat, unknown member): a person must do it. */
        REFUSED,
        /** Throttled, unreachable or failing: try again later. */
        UNAVAILABLE,
        /** Sent, and no answer came back, on a call that must not be repeated. */
        UNCERTAIN
    }

    /** @param retryAfter how long the platform asked to wait, or null */
    record Outcome(Status status, String detail, Duration retryAfter) {
    }

    /** Whether the platform does {@code action} through its API (otherwise only a person in the chat can). */
    boolean offers(Platform platform, Action action);

    /**
     * Whether making {@code request} a second time changes nothing (a removal, a mute, a post the platform drops by
     * its key): an attempt cut short may then simply be made again.
     */
    boolean repeatable(Request request);

    /** Makes the call once; the caller decides about later attempts from the outcome. */
    Outcome carryOut(Request request);
}
