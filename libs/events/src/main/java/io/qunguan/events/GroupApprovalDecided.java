package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One step of a group's approval chain was decided (GL-2). {@code complete} is true when this approval was the
 * last step, so the group may now be activated; a rejection ends the round.
 */
public record GroupApprovalDecided(String groupId, int round, int step, String label, String decidedBy,
        boolean approved, String reason, boolean complete, OffsetDateTime decidedAt) implements EventPayload {

    public static final String TYPE = "qunguan.group.GroupApprovalDecided";

    public GroupApprovalDecided {
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
