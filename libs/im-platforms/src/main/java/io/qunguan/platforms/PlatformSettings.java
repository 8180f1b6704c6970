package io.qunguan.platforms;

import java.time.Duration;
import java.util.Objects;

/** Checks shared by the platforms' settings records: a service fails at start, not at the first webhook. */
public final class PlatformSettings {

    private PlatformSettings() {
    }

    /** @throws IllegalArgumentException when {@code value} is missing or blank */
    public static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** @throws IllegalArgumentException when the replay window is missing or not positive */
    public static Duration replayWindow(Duration window) {
        Objects.requireNonNull(window, "replayWindow");
        if (!window.isPositive()) {
            throw new IllegalArgumentException("replayWindow must be positive");
        }
        return window;
    }
}
