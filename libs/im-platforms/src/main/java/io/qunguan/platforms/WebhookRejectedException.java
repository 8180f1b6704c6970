package io.qunguan.platforms;

/** A webhook request refused with an HTTP status and a message safe to show the caller. */
public class WebhookRejectedException extends RuntimeException {

    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static WebhookRejectedException unauthorized() {
        return new WebhookRejectedException(401, "invalid signature");
    }

    /** The broker did not take the event; the platform should retry. */
    public static WebhookRejectedException unavailable() {
        return new WebhookRejectedException(503, "temporarily unavailable, retry later");
    }

    /** The path names a platform app that is not configured. */
    public static WebhookRejectedException badRequest(String message) {
        return new WebhookRejectedException(400, message);
    }
}
