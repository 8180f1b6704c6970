package io.qunguan.platforms.outbound;

import java.time.Duration;

/**
 * What became of one admin action.
 *
 * @param retryAfter how long the platform asked to wait (throttling), or null
 */
public record ActionOutcome(Status status, String detail, Duration retryAfter) {

    public enum Status {
        /** The platform did it. */
        DONE,
        /** The platform offers no API for it, or Qunguan has no credentials for it: a person must do it. */
        NOT_OFFERED,
        /** The platform refused it (no permission, not the app's chat, unknown member): a person must do it. */
        REFUSED,
        /** Throttled, unreachable or failing: try again later. */
        UNAVAILABLE,
        /** The request went out and no answer came back, on a call that must not be repeated (a post with no key). */
        UNCERTAIN
    }

    static ActionOutcome done() {
        return new ActionOutcome(Status.DONE, "", null);
    }

    static ActionOutcome notOffered(String detail) {
        return new ActionOutcome(Status.NOT_OFFERED, detail, null);
    }

    static ActionOutcome refused(String detail) {
        return new ActionOutcome(Status.REFUSED, detail, null);
    }

    static ActionOutcome unavailable(String detail, Duration retryAfter) {
        return new ActionOutcome(Status.UNAVAILABLE, detail, retryAfter);
    }

    /** A person must take over: the platform cannot or will not do it. */
    public boolean forAPerson() {
        return status == Status.NOT_OFFERED || status == Status.REFUSED;
    }
}
