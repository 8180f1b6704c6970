package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A member did not acknowledge a group notice by its deadline (BH-6). notification-service tracks who acknowledged;
 * moderation-service makes each overdue member's violation. One event per notice and member.
 *
 * @param noticeId   the tracked notice
 * @param groupId    the Qunguan group
 * @param platform   the platform of the chat the notice was posted in
 * @param chatId     that chat
 * @param memberId   the member's platform user id in that chat
 * @param employeeId the member in the directory; null when the group's roster does not know them
 * @param excerpt    the beginning of the notice, as it was posted in the group
 * @param postedAt   when the notice was posted
 * @param dueAt      when acknowledgements were due
 */
public record AcknowledgementOverdue(UUID noticeId, String groupId, Platform platform, String chatId,
        String memberId, String employeeId, String excerpt, OffsetDateTime postedAt, OffsetDateTime dueAt)
        implements EventPayload {

    public static final String TYPE = "qunguan.notification.AcknowledgementOverdue";

    public AcknowledgementOverdue {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        if ((platform == null) != (chatId == null)) {
            throw new IllegalArgumentException("platform and chatId come together");
        }
    }

    @Override
    public String subject() {
        return groupId;
    }
}
