package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A deadline opened by moderation-service: a leader's task to answer (BH-5) or close the same day (BH-7), a
 * customer's message to reply to (BH-9). Closed by its {@link ResponseMeasured}; until then the dashboard lists it.
 *
 * @param leaderId {@code <platform>:<userId>} of who raised it: the leader, or the customer
 * @param memberId {@code <platform>:<userId>} of the person who owes it
 */
public record DeadlineOpened(UUID deadlineId, DeadlineKind kind, String groupId, Platform platform, String chatId,
        String messageId, String leaderId, String leaderEmployeeId, String memberId, String employeeId,
        String departmentId, OffsetDateTime openedAt, OffsetDateTime dueAt) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.DeadlineOpened";

    public DeadlineOpened {
        Objects.requireNonNull(deadlineId, "deadlineId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
