package io.qunguan.platforms;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Times as the Chinese platforms send them, carried in events at China Standard Time. */
public final class PlatformTimes {

    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private PlatformTimes() {
    }

    /** Epoch milliseconds sent as text or a number (Feishu, DingTalk); empty when absent or not such a value. */
    public static Optional<OffsetDateTime> epochMillis(String value) {
        if (value == null || !value.matches("\\d{1,15}")) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)).atOffset(CHINA));
    }

    /** A length in milliseconds as whole seconds, rounded up (a 1.2 s voice message lasts 2 s); null when negative. */
    public static Integer seconds(long millis) {
        return millis < 0 ? null : (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
    }
}
