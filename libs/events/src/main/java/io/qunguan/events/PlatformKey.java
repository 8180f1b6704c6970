package io.qunguan.events;

import java.util.Objects;
import java.util.Optional;

/**
 * A chat or a user on a platform, written {@code <platform>:<id>} (the group id of a chat no group holds, a member's
 * {@code platformUserId} in a snapshot): read once here instead of split by hand where it is used.
 */
public record PlatformKey(Platform platform, String id) {

    public PlatformKey {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
    }

    /** The key {@code text} stands for; empty when it names no known platform or no id. */
    public static Optional<PlatformKey> parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        return Platform.find(text.substring(0, colon)).map(platform -> new PlatformKey(platform,
                text.substring(colon + 1)));
    }

    /** {@code <platform>:<id>}. */
    public String key() {
        return platform.chatKey(id);
    }

    @Override
    public String toString() {
        return key();
    }
}
