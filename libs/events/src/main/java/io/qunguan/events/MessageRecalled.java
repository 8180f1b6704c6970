package io.qunguan.events;

import java.time.OffsetDateTime;

/** A message withdrawn by its sender or an admin. */
public record MessageRecalled(String groupId, Platform platform, String chatId, String messageId, String recalledBy,
        OffsetDateTime recalledAt) implements EventPayload {

    public static final String TYPE = "qunguan.im.MessageRecalled";

    @Override
    public String subject() {
        return groupId;
    }
}
