package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A deadline in a group closed: a leader gave a person a task to answer (BH-5, SV-4) or to close the same day (BH-7),
 * or a customer wrote and staff were to reply (BH-9), and it was met, met late, or not at all. Reporting reads
 * response times from it (SV-3); a missed deadline is also a violation of the person responsible.
 *
 * @param leaderId        {@code <platform>:<userId>} of the leader who gave the task, or of the customer who wrote
 * @param leaderEmployeeId the leader's employee id; null for a customer
 * @param memberId        {@code <platform>:<userId>} of the person responsible: given the task, or the staff member
 *                        (the one the customer named, else the group's owner) who owes the customer a reply
 * @param startsAt        when the clock started: the task's time, or the next working moment when given in rest time
 * @param answeredAt      when it was met: the person's answer (BH-5), the task closed in the chat or over REST
 *                        (BH-7), a staff member's reply (BH-9); null when that never came
 * @param responseSeconds from {@code startsAt} to {@code answeredAt}; null when no answer came
 * @param met             answered by {@code dueAt}
 * @param violationId     the violation of a missed deadline; null when met
 * @param kind            what the deadline was about; {@link DeadlineKind#RESPONSE} in events written before kinds
 * @param departmentId    the person's department as the group's roster has it, for the department's assessment;
 *                        null when unknown (and in events written before it)
 */
public record ResponseMeasured(UUID deadlineId, String groupId, Platform platform, String chatId, String messageId,
        String leaderId, String leaderEmployeeId, String memberId, String employeeId, OffsetDateTime openedAt,
        OffsetDateTime startsAt, OffsetDateTime dueAt, OffsetDateTime answeredAt, Long responseSeconds, boolean met,
        UUID violationId, DeadlineKind kind, String departmentId) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.ResponseMeasured";

    public ResponseMeasured {
        Objects.requireNonNull(deadlineId, "deadlineId");
        Objects.requireNonNull(groupId, "groupId");
        kind = kind == null ? DeadlineKind.RESPONSE : kind;
    }

    @Override
    public String subject() {
        return groupId;
    }
}
