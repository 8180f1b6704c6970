package io.qunguan.notification.domain.groups;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a group's policy that notification-service follows, read from the effective policy of its snapshot
 * ({@code moderation.acknowledgement}, {@code moderation.meetings}, {@code moderation.quietHours}); defaults where the
 * policy is silent.
 *
 * @param acknowledgement how group notices are acknowledged (BH-6); empty when the group does not track them
 * @param meetings        how meetings are noticed and minuted (MT-1, MT-2); empty when the group does not check them
 * @param quietHours      the group's own rest time as {@code HH:mm-HH:mm}; empty for the company's
 * @param appealWithinDays how long after a violation its member may appeal it (SV-6)
 */
public record NoticePolicy(Optional<Acknowledgement> acknowledgement, Optional<Meetings> meetings,
        Optional<String> quietHours, Optional<String> zone, int appealWithinDays) {

    /** How long a member may appeal a violation (SV-6) when the policy does not say, as moderation-service has it. */
    public static final int DEFAULT_APPEAL_WITHIN_DAYS = 14;

    /** A company-default chat, or a group whose policy says nothing of notices. */
    public static final NoticePolicy NONE = new NoticePolicy(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), DEFAULT_APPEAL_WITHIN_DAYS);

    /** The acknowledgement words when a policy names none. */
    public static final List<String> DEFAULT_KEYWORDS = List.of("收到", "执行", "马上执行", "好的", "ok", "👌", "已阅");
    /** What starts a notice that must be acknowledged when a policy names no markers. */
    public static final List<String> DEFAULT_MARKERS = List.of("【通知】", "【公告】", "【重要通知】", "通知：", "通知:",
            "公告：", "公告:");

    /**
     * BH-6: a notice (starting with one of {@code markers}, or calling everyone with a notice word) is acknowledged
     * with one of {@code keywords} (or a quote-reply, when {@code quoteReplyCounts}) within {@code within}; those who
     * have not are reminded {@code remindAfter} the notice.
     */
    public record Acknowledgement(List<String> keywords, Duration within, List<Duration> remindAfter,
            List<String> markers, boolean quoteReplyCounts) {
    }

    /**
     * MT-1, MT-2: a meeting is noticed {@code noticeAhead} before it starts, stating {@code requiredParts}; its
     * participants are reminded {@code remindBefore} it; minutes are due {@code minutesWithin} after it ends, a meeting
     * lasting {@code defaultDuration} when its notice gives no end.
     */
    public record Meetings(Duration noticeAhead, List<String> requiredParts, Optional<Duration> remindBefore,
            Duration minutesWithin, Duration defaultDuration) {
    }

    /** The policy of a snapshot's effective document; missing or odd values fall back to the defaults. */
    public static NoticePolicy read(JsonNode policy) {
        JsonNode moderation = policy == null ? null : policy.path("moderation");
        if (moderation == null || moderation.isMissingNode() || moderation.isNull()) {
            return NONE;
        }
        Optional<Acknowledgement> acknowledgement = Optional.empty();
        JsonNode ack = moderation.path("acknowledgement");
        if (ack.isObject() && ack.path("withinMinutes").asInt(0) > 0) {
            List<String> keywords = strings(ack.path("keywords"));
            List<Duration> reminders = new ArrayList<>();
            ack.path("remindAfterMinutes").forEach(minutes -> {
                if (minutes.asInt(0) > 0 && minutes.asInt() < ack.path("withinMinutes").asInt()) {
                    reminders.add(Duration.ofMinutes(minutes.asInt()));
                }
            });
            List<String> markers = strings(ack.path("markers"));
            acknowledgement = Optional.of(new Acknowledgement(keywords.isEmpty() ? DEFAULT_KEYWORDS : keywords,
                    Duration.ofMinutes(ack.path("withinMinutes").asInt()), List.copyOf(reminders),
                    markers.isEmpty() ? DEFAULT_MARKERS : markers, ack.path("quoteReplyCounts").asBoolean(true)));
        }
        Optional<Meetings> meetings = Optional.empty();
        JsonNode meet = moderation.path("meetings");
        if (meet.isObject()) {
            List<String> parts = strings(meet.path("requiredParts"));
            meetings = Optional.of(new Meetings(Duration.ofHours(positive(meet.path("noticeHoursAhead"), 24)),
                    parts.isEmpty() ? List.of("topic", "time", "place", "agenda") : parts,
                    meet.path("remindBeforeMinutes").asInt(0) > 0
                            ? Optional.of(Duration.ofMinutes(meet.path("remindBeforeMinutes").asInt()))
                            : Optional.empty(),
                    Duration.ofHours(positive(meet.path("minutesWithinHours"), 24)),
                    Duration.ofMinutes(positive(meet.path("defaultDurationMinutes"), 60))));
        }
        JsonNode quiet = moderation.path("quietHours");
        Optional<String> quietHours = quiet.hasNonNull("from") && quiet.hasNonNull("to")
                ? Optional.of(quiet.path("from").asText() + "-" + quiet.path("to").asText()) : Optional.empty();
        Optional<String> zone = quiet.hasNonNull("zone") ? Optional.of(quiet.path("zone").asText()) : Optional.empty();
        return new NoticePolicy(acknowledgement, meetings, quietHours, zone,
                positive(moderation.path("appealWithinDays"), DEFAULT_APPEAL_WITHIN_DAYS));
    }

    private static int positive(JsonNode value, int otherwise) {
        return value.asInt(0) > 0 ? value.asInt() : otherwise;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> {
            if (value.isTextual() && !value.asText().isBlank()) {
                values.add(value.asText());
            }
        });
        return List.copyOf(values);
    }
}
