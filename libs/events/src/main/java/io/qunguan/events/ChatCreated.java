package io.qunguan.events;

import java.time.OffsetDateTime;

/** A group chat was created on a platform; group-service turns an unknown one into a pending registration. */
public record ChatCreated(String groupId, Platform platform, String chatId, String chatName, String createdBy,
        OffsetDateTime createdAt) implements EventPayload {

    public static final String TYPE = "qunguan.im.ChatCreated";

    @Override
    public String subject() {
        return groupId;
    }
}
