package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * group-service found a group or a member breaking a duty it checks (GL-4 naming after a rename, MB-1 invite
 * control, MB-3 nickname, MB-4 unknown person, MB-6 leaving, MB-8 eligibility). moderation-service owns what
 * follows: the violation record and its sanction (SV-1, SV-2).
 *
 * @param chat       the chat it happened in, {@code <platform>:<chatId>}
 * @param memberId   the platform user the finding is about
 * @param employeeId that user in the directory; null when unknown
 * @param offenderId the platform user who broke the rule (the inviter for MB-1); null when nobody did
 * @param remedy     what the owner was asked to do: CHECK, REMOVE or APPROVE
 */
public record PolicyBreachFound(UUID breachId, String ruleId, String groupId, String chat, String memberId,
        String employeeId, String offenderId, String detail, String remedy, OffsetDateTime foundAt)
        implements EventPayload {

    public static final String TYPE = "qunguan.group.PolicyBreachFound";

    public PolicyBreachFound {
        Objects.requireNonNull(breachId, "breachId");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
