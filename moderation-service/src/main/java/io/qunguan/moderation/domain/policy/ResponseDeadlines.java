package io.qunguan.moderation.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.Sanction;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * BH-5, SV-4: a leader's task for a person in a group is answered within {@code within}, or the person is fined.
 * Read from the policy's {@code responseDeadlineMinutes} and {@code responseDeadline}; a group without the first has
 * no deadlines.
 *
 * @param leaderRanks    the ranks whose task opens a deadline, besides the group's owner and admins
 * @param fine           the sanction of a missed deadline
 * @param restTimeCounts whether the clock runs in the group's quiet hours and days off
 * @param remindBefore   how long before the deadline the person is reminded; none when not shorter than {@code within}
 * @param answers        what of the person's meets it: any message, or only a quote-reply of the task, an @ back to
 *                       the leader, a plan (when it will be done) — any of those listed
 */
public record ResponseDeadlines(Duration within, Set<String> leaderRanks, Sanction fine, boolean restTimeCounts,
        Duration remindBefore, Set<Answer> answers) {

    /** What of the person's counts as an answer. */
    public enum Answer { ANY, QUOTE, MENTION, PLAN }

    public static final Set<String> DEFAULT_LEADER_RANKS = Set.of("director", "executive", "manager");
    public static final int DEFAULT_FINE_YUAN = 100;
    public static final int DEFAULT_REMIND_BEFORE_MINUTES = 10;

    public ResponseDeadlines {
        leaderRanks = Set.copyOf(leaderRanks);
        answers = answers == null || answers.isEmpty() ? Set.of(Answer.ANY) : Set.copyOf(answers);
    }

    /** Whether a member of this role and rank in the group gives tasks that open deadlines. */
    public boolean leader(String role, String rank) {
        return leader(role, rank, leaderRanks);
    }

    /** Whether a member of this role and rank leads, with {@code ranks} as the leaders' ranks besides owner and admin. */
    public static boolean leader(String role, String rank, Set<String> ranks) {
        return "OWNER".equals(role) || "ADMIN".equals(role)
                || rank != null && ranks.contains(rank.toLowerCase(Locale.ROOT));
    }

    /** The policy's deadlines; null when it sets none. */
    static ResponseDeadlines read(JsonNode moderation) {
        JsonNode minutes = moderation.path("responseDeadlineMinutes");
        if (!minutes.canConvertToInt()) {
            return null;
        }
        if (minutes.asInt() <= 0) {
            throw new IllegalArgumentException("moderation.responseDeadlineMinutes must be positive");
        }
        JsonNode terms = moderation.path("responseDeadline");
        Set<String> ranks = new LinkedHashSet<>();
        terms.path("leaderRanks").forEach(rank -> ranks.add(rank.asText().toLowerCase(Locale.ROOT)));
        int yuan = terms.path("fineYuan").asInt(DEFAULT_FINE_YUAN);
        if (yuan <= 0) {
            throw new IllegalArgumentException("moderation.responseDeadline.fineYuan must be positive");
        }
        Set<Answer> answers = EnumSet.noneOf(Answer.class);
        for (JsonNode answer : terms.path("answers")) {
            try {
                answers.add(Answer.valueOf(answer.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("moderation.responseDeadline.answers are ANY, QUOTE, MENTION or PLAN, "
                        + "not " + answer.asText());
            }
        }
        return new ResponseDeadlines(Duration.ofMinutes(minutes.asInt()), ranks.isEmpty() ? DEFAULT_LEADER_RANKS : ranks,
                Sanction.fine(yuan), terms.path("restTimeCounts").asBoolean(false),
                Duration.ofMinutes(terms.path("remindBeforeMinutes").asInt(DEFAULT_REMIND_BEFORE_MINUTES)), answers);
    }
}
