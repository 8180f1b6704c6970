package io.qunguan.moderation.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.Sanction;
import java.time.Duration;

/**
 * BH-9: in a customer group, a customer's message (anyone the roster does not know as staff) gets a staff member's
 * reply within {@code within}; otherwise the staff member the customer named, or the group's owner, is in breach.
 * Read from the policy's {@code customerReply}; a group without it does not track replies to customers.
 *
 * @param fine           the sanction of a customer left waiting; null for the ladder
 * @param restTimeCounts whether the clock runs in the group's quiet hours and days off
 * @param remindBefore   how long before the deadline the person responsible is reminded; none when not shorter than
 *                       {@code within}
 */
public record CustomerCare(Duration within, Sanction fine, boolean restTimeCounts, Duration remindBefore) {

    public static final int DEFAULT_REMIND_BEFORE_MINUTES = 5;

    /** The policy's customer care; null when it sets none. */
    static CustomerCare read(JsonNode moderation) {
        JsonNode terms = moderation.path("customerReply");
        if (!terms.isObject()) {
            return null;
        }
        int minutes = terms.path("withinMinutes").asInt(0);
        if (minutes <= 0) {
            throw new IllegalArgumentException("moderation.customerReply.withinMinutes must be positive");
        }
        Sanction fine = null;
        if (terms.hasNonNull("fineYuan")) {
            if (terms.get("fineYuan").asInt() <= 0) {
                throw new IllegalArgumentException("moderation.customerReply.fineYuan must be positive");
            }
            fine = Sanction.fine(terms.get("fineYuan").asInt());
        }
        return new CustomerCare(Duration.ofMinutes(minutes), fine, terms.path("restTimeCounts").asBoolean(false),
                Duration.ofMinutes(terms.path("remindBeforeMinutes").asInt(DEFAULT_REMIND_BEFORE_MINUTES)));
    }
}
