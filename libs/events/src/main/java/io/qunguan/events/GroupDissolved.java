package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A group was dissolved (GL-8); every member is to be told.
 *
 * @param dissolvedBy who dissolved it: its owner, HR, or {@code qunguan} after an unanswered review or when its
 *                    last chat was dismissed on the platform
 * @param members     the platform user ids in its chats at dissolution, as {@code <platform>:<userId>}
 */
public record GroupDissolved(String groupId, String name, String reason, String dissolvedBy, List<String> chats,
        List<String> members, OffsetDateTime dissolvedAt) implements EventPayload {

    public static final String TYPE = "qunguan.group.GroupDissolved";

    public GroupDissolved {
        Objects.requireNonNull(groupId, "groupId");
        chats = chats == null ? List.of() : List.copyOf(chats);
        members = members == null ? List.of() : List.copyOf(members);
    }

    @Override
    public String subject() {
        return groupId;
    }
}
