package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A group became active on its platform chat(s) (GL-1); its announcement is due by {@code announcementDueAt}
 * (GL-6).
 *
 * @param chats the bound chats as {@code <platform>:<chatId>}
 */
public record GroupActivated(String groupId, String name, String ownerId, List<String> chats,
        OffsetDateTime announcementDueAt, OffsetDateTime activatedAt) implements EventPayload {

    public static final String TYPE = "qunguan.group.GroupActivated";

    public GroupActivated {
        Objects.requireNonNull(groupId, "groupId");
        chats = chats == null ? List.of() : List.copyOf(chats);
    }

    @Override
    public String subject() {
        return groupId;
    }
}
