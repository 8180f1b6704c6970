package io.qunguan.moderation.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.moderation.domain.behaviour.BehaviourLimits;
import io.qunguan.moderation.domain.clarity.ClearMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of a group's effective policy moderation-service applies: what each content or behaviour category is
 * (ALLOW, RECORD, SANCTION or a fixed sanction), the sanctions ladder, the limits on behaviour over time, what a
 * clear notice is (null: not checked), and when a violation goes to management. Read from the {@code moderation} section of the policy
 * document group-service publishes on {@code group.state}, or from the company default for chats no group holds.
 * Keys this service does not apply yet are ignored, so group-service may grow the document first.
 *
 * @param otherContent the action for a category the policy does not name: a new lexicon category is sanctioned until
 *                     the policy says otherwise
 * @param deadlines    BH-5's response deadlines; null when the group has none
 * @param followThrough BH-7's same-day closing of leaders' tasks; null when the group has none
 * @param customerCare BH-9's replies to customers; null when the group has none
 * @param appealWithinDays how long after a violation its member may appeal it (SV-6)
 */
public record ModerationPolicy(Map<String, ContentAction> contentActions, ContentAction otherContent, Ladder ladder,
        BehaviourLimits behaviour, Escalation escalation, ClearMessages clarity, ResponseDeadlines deadlines,
        FollowThrough followThrough, CustomerCare customerCare, int appealWithinDays) {

    /** How long a ladder's {@code MUTE} lasts when the policy names the rung without a duration. */
    public static final int DEFAULT_MUTE_MINUTES = 60;
    /** How long after a violation its member may appeal it (SV-6) when the policy does not say. */
    public static final int DEFAULT_APPEAL_WITHIN_DAYS = 14;

    public ModerationPolicy {
        contentActions = Map.copyOf(contentActions);
    }

    /** What the policy does with findings of {@code category}. */
    public ContentAction actionFor(String category) {
        return contentActions.getOrDefault(category, otherContent);
    }

    /**
     * Reads the {@code moderation} section of a policy document.
     *
     * @throws IllegalArgumentException naming the first value that is not a valid setting
     */
    public static ModerationPolicy read(JsonNode moderation) {
        if (moderation == null || !moderation.isObject()) {
            throw new IllegalArgumentException("the policy has no moderation section");
        }
        Map<String, ContentAction> actions = new HashMap<>();
        moderation.path("contentActions").properties().forEach(entry -> actions.put(entry.getKey(),
                parseAction("contentActions." + entry.getKey(), entry.getValue())));
        ContentAction other = moderation.hasNonNull("otherContent")
                ? parseAction("otherContent", moderation.get("otherContent")) : ContentAction.SANCTION;
        return new ModerationPolicy(actions, other, readLadder(moderation), BehaviourLimits.read(moderation),
                Escalation.read(moderation.path("escalation")), readClarity(moderation.path("clearMessages")),
                ResponseDeadlines.read(moderation), FollowThrough.read(moderation), CustomerCare.read(moderation),
                appealWithinDays(moderation));
    }

    private static int appealWithinDays(JsonNode moderation) {
        int days = moderation.path("appealWithinDays").asInt(DEFAULT_APPEAL_WITHIN_DAYS);
        if (days <= 0) {
            throw new IllegalArgumentException("moderation.appealWithinDays must be positive");
        }
        return days;
    }

    /** BH-8's notice markers and subject length; null (not checked) when the policy has no {@code clearMessages}. */
    private static ClearMessages readClarity(JsonNode clarity) {
        if (!clarity.isObject()) {
            return null;
        }
        List<String> markers = new ArrayList<>();
        clarity.path("markers").forEach(marker -> markers.add(marker.asText()));
        int minimum = clarity.path("minSubjectChars").asInt(6);
        if (minimum <= 0) {
            throw new IllegalArgumentException("moderation.clearMessages.minSubjectChars must be positive");
        }
        return new ClearMessages(markers.isEmpty() ? ClearMessages.DEFAULT_MARKERS : markers, minimum);
    }

    private static ContentAction parseAction(String where, JsonNode value) {
        try {
            return ContentAction.parse(value.asText(), DEFAULT_MUTE_MINUTES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("moderation." + where + ": " + value.asText()
                    + " is not ALLOW, RECORD, SANCTION or a sanction");
        }
    }

    private static Ladder readLadder(JsonNode moderation) {
        List<Sanction> rungs = new ArrayList<>();
        JsonNode ladder = moderation.path("sanctionsLadder");
        for (int i = 0; i < ladder.size(); i++) {
            rungs.add(readRung("sanctionsLadder[" + i + "]", ladder.get(i)));
        }
        if (rungs.isEmpty()) {
            rungs.addAll(List.of(Sanction.of(Sanction.Kind.REMINDER), Sanction.of(Sanction.Kind.WARNING),
                    Sanction.of(Sanction.Kind.RECALL_REQUEST), Sanction.mute(DEFAULT_MUTE_MINUTES),
                    Sanction.of(Sanction.Kind.REMOVAL), Sanction.of(Sanction.Kind.WRITTEN_WARNING)));
        }
        Map<Severity, Integer> start = new EnumMap<>(Severity.class);
        moderation.path("startRung").properties().forEach(entry -> start.put(
                Severity.valueOf(entry.getKey().toUpperCase(Locale.ROOT)), entry.getValue().asInt()));
        Duration window = moderation.hasNonNull("repeatWindowDays")
                ? Duration.ofDays(moderation.get("repeatWindowDays").asInt()) : Ladder.DEFAULT_WINDOW;
        return new Ladder(rungs, start, window);
    }

    /** A rung: {@code "WARNING"}, {@code "MUTE"} (the default duration) or {@code {"sanction":"FINE","yuan":100}}. */
    private static Sanction readRung(String where, JsonNode rung) {
        try {
            if (rung.isTextual()) {
                Sanction.Kind kind = Sanction.Kind.valueOf(rung.asText().toUpperCase(Locale.ROOT));
                return kind.timed() ? Sanction.mute(DEFAULT_MUTE_MINUTES) : Sanction.of(kind);
            }
            Sanction.Kind kind = Sanction.Kind.valueOf(rung.path("sanction").asText().toUpperCase(Locale.ROOT));
            Integer minutes = !kind.timed() ? null
                    : rung.hasNonNull("minutes") ? rung.get("minutes").asInt() : DEFAULT_MUTE_MINUTES;
            Integer yuan = rung.hasNonNull("yuan") ? rung.get("yuan").asInt() : null;
            return new Sanction(kind, minutes, yuan);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("moderation." + where + ": " + rung + " is not a sanction ("
                    + e.getMessage() + ")");
        }
    }
}
