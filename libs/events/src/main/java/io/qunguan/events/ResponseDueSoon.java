package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A deadline is near and not met: a leader's task unanswered (BH-5) or not closed (BH-7), a customer without a reply
 * (BH-9). The person responsible is reminded, once.
 *
 * @param memberId {@code <platform>:<userId>} of the person responsible
 * @param excerpt  the task or the customer's message, masked
 * @param kind     what the deadline is about; {@link DeadlineKind#RESPONSE} in events written before kinds
 */
public record ResponseDueSoon(UUID deadlineId, String groupId, Platform platform, String chatId, String memberId,
        String employeeId, String excerpt, OffsetDateTime dueAt, DeadlineKind kind) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.ResponseDueSoon";

    public ResponseDueSoon {
        Objects.requireNonNull(deadlineId, "deadlineId");
        Objects.requireNonNull(groupId, "groupId");
        kind = kind == null ? DeadlineKind.RESPONSE : kind;
    }

    @Override
    public String subject() {
        return groupId;
    }
}
