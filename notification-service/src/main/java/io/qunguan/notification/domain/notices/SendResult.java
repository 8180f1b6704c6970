package io.qunguan.notification.domain.notices;

import java.time.Duration;

/**
 * What a channel made of one attempt.
 *
 * @param retryAfter how long the channel asked to wait, or null
 */
public record SendResult(Status status, String detail, Duration retryAfter) {

    /** The channel's answer. */
    public enum Status {
        SENT,
        /** The channel will not deliver this (unknown person, no permission, too long): the next channel takes over. */
        REFUSED,
        /** The channel is not set up for it (no credentials, no API): the next channel takes over. */
        NOT_OFFERED,
        /** Throttled, unreachable or failing: try again later. */
        UNAVAILABLE,
        /** Sent, and the answer was lost, where sending again could show it twice. */
        UNCERTAIN
    }

    public static SendResult sent() {
        return new SendResult(Status.SENT, "", null);
    }
}
