package io.qunguan.events;

import java.time.OffsetDateTime;

/** A group chat was dismissed on a platform. */
public record ChatDismissed(String groupId, Platform platform, String chatId, String dismissedBy,
        OffsetDateTime dismissedAt) implements EventPayload {

    public static final String TYPE = "qunguan.im.ChatDismissed";

    @Override
    public String subject() {
        return groupId;
    }
}
