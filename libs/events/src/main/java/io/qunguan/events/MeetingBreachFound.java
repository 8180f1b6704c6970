package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A meeting broke a meeting duty: its notice came late or left out what it must state (MT-1), or no minutes reached
 * the participants by the policy's deadline (MT-2). notification-service runs meetings; moderation-service makes the
 * organiser's violation.
 *
 * @param ruleId              {@code MT-1} or {@code MT-2}
 * @param platform            the platform of the chat the meeting was noticed in; null for a meeting noticed over
 *                            REST and posted nowhere
 * @param chatId              that chat; null with {@code platform}
 * @param organiserId         the organiser's platform user id in that chat; null when not known there
 * @param organiserEmployeeId the organiser in the directory; null when not known
 * @param detail              what is wrong, e.g. {@code noticed 3 h ahead, 24 h required}
 */
public record MeetingBreachFound(UUID meetingId, String ruleId, String groupId, Platform platform, String chatId,
        String organiserId, String organiserEmployeeId, String topic, String detail, OffsetDateTime startsAt,
        OffsetDateTime foundAt) implements EventPayload {

    public static final String TYPE = "qunguan.notification.MeetingBreachFound";

    public MeetingBreachFound {
        Objects.requireNonNull(meetingId, "meetingId");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(groupId, "groupId");
        if ((platform == null) != (chatId == null)) {
            throw new IllegalArgumentException("platform and chatId come together");
        }
        if (organiserId == null && organiserEmployeeId == null) {
            throw new IllegalArgumentException("a meeting breach names its organiser");
        }
    }

    @Override
    public String subject() {
        return groupId;
    }
}
