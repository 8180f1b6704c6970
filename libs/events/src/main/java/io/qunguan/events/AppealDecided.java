package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * An appeal against a violation decided (SV-6). Upheld, the violation is reversed: it no longer counts on the ladder,
 * its fine is cancelled, reporting takes it out of its figures, and the platform sanction is undone where the
 * platform allows (an unmute), else the group's owner is asked to. Either way the member is told, with the reason.
 *
 * @param sanction   the violation's sanction, which an upheld appeal undoes; null when it had none
 * @param decidedBy  the employee who decided: HR or the head of the group owner's department
 */
public record AppealDecided(UUID appealId, UUID violationId, String groupId, Platform platform, String chatId,
        String memberId, String employeeId, String ruleId, Sanction sanction, boolean upheld, String reason,
        String decidedBy, OffsetDateTime decidedAt) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.AppealDecided";

    public AppealDecided {
        Objects.requireNonNull(appealId, "appealId");
        Objects.requireNonNull(violationId, "violationId");
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
