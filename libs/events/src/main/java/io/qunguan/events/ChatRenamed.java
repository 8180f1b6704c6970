package io.qunguan.events;

import java.time.OffsetDateTime;

/**
 * A group chat was renamed on a platform.
 *
 * @param newName the new name; null where the platform's event does not carry it (WeCom 客户群 {@code change_name}),
 *                so the name has to be read back through the platform's group API
 */
public record ChatRenamed(String groupId, Platform platform, String chatId, String newName, String renamedBy,
        OffsetDateTime renamedAt) implements EventPayload {

    public static final String TYPE = "qunguan.im.ChatRenamed";

    @Override
    public String subject() {
        return groupId;
    }
}
