package io.qunguan.events;

import java.time.OffsetDateTime;

/** A person left a group chat or was removed ({@code removedBy} set). */
public record MemberLeft(String groupId, Platform platform, String chatId, String memberId, String removedBy,
        OffsetDateTime leftAt) implements EventPayload {

    public static final String TYPE = "qunguan.im.MemberLeft";

    @Override
    public String subject() {
        return groupId;
    }
}
