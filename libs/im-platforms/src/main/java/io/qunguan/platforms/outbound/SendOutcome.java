package io.qunguan.platforms.outbound;

/**
 * What became of one robot message.
 *
 * @param attempts calls made to the platform
 * @param detail   the platform's error code and message, or why nothing was sent
 */
public record SendOutcome(Status status, int attempts, String detail) {

    public enum Status {
        /** The platform took the message. */
        SENT,
        /** The platform refused it (wrong key or signature, keyword check, too long): retrying cannot help. */
        REJECTED,
        /**
         * The request went out but no answer came back. Robots offer no idempotency key, so it is not sent again:
         * at most once, and the caller records it.
         */
        UNCERTAIN,
        /** Throttled or unreachable through every attempt. */
        UNAVAILABLE,
        /** The destination's queue is longer than the longest wait allowed; nothing was sent, the caller retries later. */
        QUEUE_FULL
    }

    public boolean sent() {
        return status == Status.SENT;
    }
}
