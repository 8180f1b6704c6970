package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A group's accountable owner changed (GL-5): handed over by its owner or HR, or moved to the leaving owner's
 * manager or named successor.
 */
public record GroupOwnerChanged(String groupId, String previousOwnerId, String ownerId, String reason,
        String changedBy, OffsetDateTime changedAt) implements EventPayload {

    public static final String TYPE = "qunguan.group.GroupOwnerChanged";

    public GroupOwnerChanged {
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
