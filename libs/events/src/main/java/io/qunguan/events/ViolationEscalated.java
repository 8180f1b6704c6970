package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A violation serious enough, or one offence too many, for management to hear of it (SV-8), by the group's policy:
 * a severity or rule that always escalates, or the offender's {@code recentOffences} within the policy's window
 * reaching its count. notification-service tells HR, the offender's department head and the company's management.
 *
 * @param reasons        why, in the policy's terms, e.g. {@code severity CRITICAL}, {@code 3 offences in 30 days}
 * @param recentOffences the offender's sanctioned violations within the policy's escalation window, this one included
 */
public record ViolationEscalated(UUID escalationId, UUID violationId, String ruleId, Severity severity, String groupId,
        Platform platform, String chatId, String memberId, String employeeId, String memberName,
        String maskedEvidence, Sanction sanction, List<String> reasons, int recentOffences,
        OffsetDateTime escalatedAt) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.ViolationEscalated";

    public ViolationEscalated {
        Objects.requireNonNull(escalationId, "escalationId");
        Objects.requireNonNull(violationId, "violationId");
        Objects.requireNonNull(groupId, "groupId");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    @Override
    public String subject() {
        return groupId;
    }
}
