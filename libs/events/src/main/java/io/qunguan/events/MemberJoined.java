package io.qunguan.events;

import java.time.OffsetDateTime;

/** A person joined a group chat; {@code invitedBy} is null when the platform does not say. */
public record MemberJoined(String groupId, Platform platform, String chatId, String memberId, String memberName,
        String invitedBy, OffsetDateTime joinedAt) implements EventPayload {

    public static final String TYPE = "qunguan.im.MemberJoined";

    @Override
    public String subject() {
        return groupId;
    }
}
