package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A response deadline closed (BH-5, SV-4): a leader gave a person a task in a group, and the person answered in time,
 * late, or not at all. Reporting reads response times from it (SV-3); a missed deadline is also a violation.
 *
 * @param leaderId        {@code <platform>:<userId>} of the leader who gave the task
 * @param memberId        {@code <platform>:<userId>} of the person given it
 * @param startsAt        when the clock started: the task's time, or the next working moment when given in rest time
 * @param answeredAt      the person's first message in the group after the task; null when none came
 * @param responseSeconds from {@code startsAt} to {@code answeredAt}; null when no answer came
 * @param met             answered by {@code dueAt}
 * @param violationId     the BH-5 violation of a missed deadline; null when met
 */
public record ResponseMeasured(UUID deadlineId, String groupId, Platform platform, String chatId, String messageId,
        String leaderId, String leaderEmployeeId, String memberId, String employeeId, OffsetDateTime openedAt,
        OffsetDateTime startsAt, OffsetDateTime dueAt, OffsetDateTime answeredAt, Long responseSeconds, boolean met,
        UUID violationId) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.ResponseMeasured";

    public ResponseMeasured {
        Objects.requireNonNull(deadlineId, "deadlineId");
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
