package io.qunguan.platforms;

import java.time.Clock;
import java.time.Duration;

/** The replay window: a signed request whose timestamp is too far from now, either way, is refused. */
public final class WebhookTimestamps {

    private WebhookTimestamps() {
    }

    /**
     * @param value seconds since the epoch as the platform sent them
     * @throws WebhookRejectedException 401 when missing, malformed or outside the window
     */
    public static void requireWithin(String value, Duration window, Clock clock) {
        requireWithin(value, 1000, window, clock);
    }

    /** As {@link #requireWithin(String, Duration, Clock)}, for platforms that send milliseconds (DingTalk). */
    public static void requireWithinMillis(String value, Duration window, Clock clock) {
        requireWithin(value, 1, window, clock);
    }

    private static void requireWithin(String value, long millisPerUnit, Duration window, Clock clock) {
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
        if (parsed < 0 || parsed > Long.MAX_VALUE / 4000
                || Math.abs(clock.millis() - parsed * millisPerUnit) > window.toMillis()) {
            throw WebhookRejectedException.unauthorized();
        }
    }
}
