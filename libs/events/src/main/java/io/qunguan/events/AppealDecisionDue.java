package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * An appeal not decided by the time it was due (SV-6): HR and the head of the group owner's department, who decide
 * it, are reminded, once.
 *
 * @param ownerDepartmentId the group owner's department, whose head may decide; null when the roster has no owner
 * @param decideBy          when the decision was due
 */
public record AppealDecisionDue(UUID appealId, UUID violationId, String groupId, String ruleId, String appellant,
        String ownerDepartmentId, OffsetDateTime decideBy) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.AppealDecisionDue";

    public AppealDecisionDue {
        Objects.requireNonNull(appealId, "appealId");
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
