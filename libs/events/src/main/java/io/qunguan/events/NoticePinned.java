package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/** An important notice was pinned in a group so it reaches everyone (GL-10); {@code pinned} false when unpinned. */
public record NoticePinned(String groupId, long noticeId, String text, boolean pinned, String by,
        OffsetDateTime at) implements EventPayload {

    public static final String TYPE = "qunguan.group.NoticePinned";

    public NoticePinned {
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
