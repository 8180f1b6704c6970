package io.qunguan.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The IM platforms Qunguan speaks with, by the id they carry in events, group ids ({@code <id>:<chatId>}),
 * webhook paths and configuration keys. An id outside this list is an error, never one of them by default.
 */
public enum Platform {
    WECOM("wecom"),
    DINGTALK("dingtalk"),
    FEISHU("feishu"),
    SLACK("slack"),
    ONEBOT("onebot"),
    /** Qunguan's own signed format, for bridges to platforms without official webhooks (WeChat). */
    GENERIC("generic");

    private final String id;

    Platform(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the known ids when {@code id} is none of them */
    @JsonCreator
    public static Platform of(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown platform '" + id + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(Platform::id).toList())));
    }

    /** The platform with {@code id} (case-insensitive), or empty. */
    public static Optional<Platform> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(platform -> platform.id.equals(wanted)).findFirst();
    }

    /** The key of one of this platform's chats: {@code <id>:<chatId>}, the group id of a chat no group holds yet. */
    public String chatKey(String chatId) {
        return id + ":" + chatId;
    }

    @Override
    public String toString() {
        return id;
    }
}
