package io.qunguan.moderation.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.Sanction;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;

/**
 * BH-7: a leader's task for a person in a group is closed by the end of the working day it was given on (closing
 * words in the chat, or over REST), or the person is fined for stalling. Read from the policy's
 * {@code followThrough}; a group without it tracks no follow-through.
 *
 * @param endOfDay     when the working day ends, in the group's zone (its quiet hours' zone)
 * @param fine         the sanction of a task left open
 * @param remindBefore how long before the end of the day the person is reminded; none when zero
 * @param minimumTime  a task given with less of the day left is due at the end of the next working day
 */
public record FollowThrough(LocalTime endOfDay, Sanction fine, Duration remindBefore, Duration minimumTime) {

    public static final int DEFAULT_FINE_YUAN = 50;
    public static final LocalTime DEFAULT_END_OF_DAY = LocalTime.of(18, 0);
    public static final int DEFAULT_REMIND_BEFORE_MINUTES = 60;
    public static final int DEFAULT_MINIMUM_MINUTES = 120;

    /** The policy's follow-through; null when it sets none. */
    static FollowThrough read(JsonNode moderation) {
        JsonNode terms = moderation.path("followThrough");
        if (!terms.isObject()) {
            return null;
        }
        LocalTime endOfDay;
        try {
            endOfDay = terms.hasNonNull("endOfDay") ? LocalTime.parse(terms.get("endOfDay").asText())
                    : DEFAULT_END_OF_DAY;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("moderation.followThrough.endOfDay: " + e.getMessage());
        }
        int yuan = terms.path("fineYuan").asInt(DEFAULT_FINE_YUAN);
        int remind = terms.path("remindBeforeMinutes").asInt(DEFAULT_REMIND_BEFORE_MINUTES);
        int minimum = terms.path("minimumMinutes").asInt(DEFAULT_MINIMUM_MINUTES);
        if (yuan <= 0 || remind < 0 || minimum < 0) {
            throw new IllegalArgumentException("moderation.followThrough: fineYuan must be positive, "
                    + "remindBeforeMinutes and minimumMinutes not negative");
        }
        return new FollowThrough(endOfDay, Sanction.fine(yuan), Duration.ofMinutes(remind),
                Duration.ofMinutes(minimum));
    }
}
