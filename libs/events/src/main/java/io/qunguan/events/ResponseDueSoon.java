package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A leader's task is still unanswered shortly before its deadline (BH-5): the person is reminded, once.
 *
 * @param memberId {@code <platform>:<userId>} of the person given the task
 * @param excerpt  the task, masked
 */
public record ResponseDueSoon(UUID deadlineId, String groupId, Platform platform, String chatId, String memberId,
        String employeeId, String excerpt, OffsetDateTime dueAt) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.ResponseDueSoon";

    public ResponseDueSoon {
        Objects.requireNonNull(deadlineId, "deadlineId");
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
