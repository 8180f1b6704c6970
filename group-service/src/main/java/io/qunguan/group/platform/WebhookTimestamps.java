package io.qunguan.group.platform;

import java.time.Clock;
import java.time.Duration;

/** The replay window: a signed request whose timestamp is too far from now, either way, is refused. */
public final class WebhookTimestamps {

    private WebhookTimestamps() {
    }

    /**
     * @param value seconds (or milliseconds, when {@code millis}) since the epoch as the platform sent them
     * @throws WebhookRejectedException 401 when missing, malformed or outside the window
     */
    public static long requireWithin(String value, boolean millis, Duration window, Clock clock) {
        if (value == null) {
            throw WebhookRejectedException.unauthorized();
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw WebhookRejectedException.unauthorized();
        }
        // a negative or absurdly large value is refused before any arithmetic could overflow
        if (parsed < 0 || parsed > (millis ? Long.MAX_VALUE / 4 : Long.MAX_VALUE / 4000)) {
            throw WebhookRejectedException.unauthorized();
        }
        long sentMillis = millis ? parsed : parsed * 1000;
        if (Math.abs(clock.millis() - sentMillis) > window.toMillis()) {
            throw WebhookRejectedException.unauthorized();
        }
        return parsed;
    }
}
