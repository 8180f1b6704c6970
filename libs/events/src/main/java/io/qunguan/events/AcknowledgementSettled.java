package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A member's acknowledgement of a notice, settled when the notice's deadline passed (BH-6): acknowledged in time,
 * or not (those also get {@link AcknowledgementOverdue}). One per member and notice, for the assessment's
 * acknowledgement rate (SV-3).
 *
 * @param memberId       {@code <platform>:<userId>}, or the employee id of a member in no chat
 * @param acknowledgedAt null when the member did not acknowledge by the deadline
 */
public record AcknowledgementSettled(UUID noticeId, String groupId, String memberId, String employeeId,
        OffsetDateTime postedAt, OffsetDateTime dueAt, OffsetDateTime acknowledgedAt) implements EventPayload {

    public static final String TYPE = "qunguan.notification.AcknowledgementSettled";

    public AcknowledgementSettled {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
