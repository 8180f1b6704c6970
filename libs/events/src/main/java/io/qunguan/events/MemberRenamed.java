package io.qunguan.events;

import java.time.OffsetDateTime;

/** A member changed their nickname in a group chat (MB-3 checks the new one). */
public record MemberRenamed(String groupId, Platform platform, String chatId, String memberId, String oldName,
        String newName, OffsetDateTime renamedAt) implements EventPayload {

    public static final String TYPE = "qunguan.im.MemberRenamed";

    @Override
    public String subject() {
        return groupId;
    }
}
