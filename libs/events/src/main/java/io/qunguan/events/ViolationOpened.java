package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A violation of a POLICIES.md duty found in a group.
 *
 * @param ruleId          the duty's id, e.g. {@code CT-4}
 * @param maskedEvidence  the offending text with personal data masked; never the raw message
 * @param sanction        the rung of the sanctions ladder decided (SV-2), e.g. {@code REMINDER}
 */
public record ViolationOpened(UUID violationId, String ruleId, String category, Severity severity, String groupId,
        String memberId, String memberName, String messageId, String maskedEvidence, String sanction,
        OffsetDateTime openedAt) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.ViolationOpened";

    public ViolationOpened {
        Objects.requireNonNull(violationId, "violationId");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
