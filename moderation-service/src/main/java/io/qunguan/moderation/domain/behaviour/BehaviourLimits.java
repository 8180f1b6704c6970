package io.qunguan.moderation.domain.behaviour;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a group's policy allows of behaviour over time (BH-1, BH-2, BH-3, BH-4) and of marketing (MK-1, MK-2), read
 * from the {@code flood}, {@code images}, {@code voice}, {@code quietHours}, {@code urgent} and {@code marketing}
 * settings of its {@code moderation} section. A setting left out is not checked.
 *
 * @param flood  null when flooding is not checked
 * @param images null when images are not counted
 * @param voiceAllowed    whether voice messages are allowed
 * @param maxVoiceSeconds how long an allowed voice message may be (BH-4); null: any length
 * @param restTime     null when the group has no quiet hours
 */
public record BehaviourLimits(Flood flood, Images images, boolean voiceAllowed, Integer maxVoiceSeconds,
        RestTime restTime, Urgent urgent, Marketing marketing) {

    /** What makes a staff message promotional when the policy names no markers (MK-1, MK-2). */
    public static final List<String> DEFAULT_PROMOTION_MARKERS = List.of("优惠", "限时", "特价", "折扣", "打折", "秒杀",
            "促销", "活动价", "满减", "包邮", "领券", "下单", "团购", "新品上市", "抢购");

    /**
     * MK-1, MK-2: in a customer group, a staff message with one of {@code markers} is promotional; it must match
     * approved marketing content when {@code approvedOnly}, and a group takes at most {@code maxPerDay} of them in 24
     * hours (null: no bound). With {@code mediaApprovedOnly}, every image, video or file staff post whose hash the
     * platform's bridge gives is marketing material that must be approved.
     */
    public record Marketing(List<String> markers, boolean approvedOnly, Integer maxPerDay, boolean mediaApprovedOnly) {

        public Marketing {
            markers = List.copyOf(markers);
        }

        public boolean promotional(String text) {
            return markers.stream().anyMatch(text::contains);
        }
    }

    /** Urgent messages are marked so when the policy names no markers. */
    public static final List<String> DEFAULT_URGENT_MARKERS = List.of("【紧急】", "【急】", "紧急", "急", "#urgent",
            "[urgent]");

    /**
     * BH-2: the group's rest time, the quiet hours {@code from} to {@code until} in {@code zone} and, when
     * {@code daysOff}, the days off of the company's calendar.
     */
    public record RestTime(LocalTime from, LocalTime until, ZoneId zone, boolean daysOff) {
    }

    /**
     * BH-2: a message that starts with one of {@code markers} (or carries one in brackets or after {@code #}) is
     * urgent; more than {@code allowancePerWeek} urgent messages in rest time by one person in seven days is itself
     * flagged; null for no limit.
     */
    public record Urgent(List<String> markers, Integer allowancePerWeek) {

        public Urgent {
            markers = List.copyOf(markers);
        }

        /** Whether {@code text} is marked urgent. */
        public boolean marks(String text) {
            String stripped = text.strip().toLowerCase(Locale.ROOT);
            for (String marker : markers) {
                String lower = marker.toLowerCase(Locale.ROOT);
                boolean standsOut = lower.startsWith("【") || lower.startsWith("[") || lower.startsWith("#");
                if (stripped.startsWith(lower) || standsOut && stripped.contains(lower)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * BH-1: at most {@code maxMessages} per person within {@code per}; optionally at most {@code groupMaxMessages} in
     * the group within {@code per}, runs of {@code shortRun} consecutive messages of at most {@code shortLength}
     * characters by one person, and runs of {@code fillerRun} stickers, emoji, likes or greetings by one person.
     */
    public record Flood(int maxMessages, Duration per, Integer groupMaxMessages, Integer shortRun, int shortLength,
            Integer fillerRun) {
    }

    /** BH-3: at most {@code maxImages} per person within {@code per}. */
    public record Images(int maxImages, Duration per) {
    }

    /** Reads the settings; @throws IllegalArgumentException naming a limit that is not positive */
    public static BehaviourLimits read(JsonNode moderation) {
        Flood flood = null;
        JsonNode floodNode = moderation.path("flood");
        if (floodNode.isObject()) {
            flood = new Flood(positive(floodNode, "flood.maxMessages"),
                    Duration.ofSeconds(positive(floodNode, "flood.perSeconds")),
                    optionalPositive(floodNode, "flood.groupMaxMessages"), optionalPositive(floodNode, "flood.shortRun"),
                    floodNode.hasNonNull("shortLength") ? positive(floodNode, "flood.shortLength") : 4,
                    optionalPositive(floodNode, "flood.fillerRun"));
        }
        Images images = null;
        JsonNode imagesNode = moderation.path("images");
        if (imagesNode.isObject()) {
            images = new Images(positive(imagesNode, "images.maxImages"),
                    Duration.ofSeconds(positive(imagesNode, "images.perSeconds")));
        }
        boolean voiceAllowed = !moderation.path("voice").isObject()
                || moderation.path("voice").path("allowed").asBoolean(true);
        RestTime restTime = null;
        JsonNode quiet = moderation.path("quietHours");
        if (quiet.isObject()) {
            try {
                restTime = new RestTime(LocalTime.parse(quiet.path("from").asText()),
                        LocalTime.parse(quiet.path("to").asText()),
                        ZoneId.of(quiet.path("zone").asText("Asia/Shanghai")), quiet.path("daysOff").asBoolean(true));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("moderation.quietHours: " + e.getMessage());
            }
        }
        JsonNode urgentNode = moderation.path("urgent");
        List<String> markers = new ArrayList<>();
        urgentNode.path("markers").forEach(marker -> markers.add(marker.asText()));
        Urgent urgent = new Urgent(markers.isEmpty() ? DEFAULT_URGENT_MARKERS : markers,
                urgentNode.hasNonNull("allowancePerWeek") ? positive(urgentNode, "urgent.allowancePerWeek") : null);
        Marketing marketing = null;
        JsonNode marketingNode = moderation.path("marketing");
        if (marketingNode.isObject()) {
            List<String> promotionMarkers = new ArrayList<>();
            marketingNode.path("markers").forEach(marker -> promotionMarkers.add(marker.asText()));
            marketing = new Marketing(promotionMarkers.isEmpty() ? DEFAULT_PROMOTION_MARKERS : promotionMarkers,
                    marketingNode.path("approvedOnly").asBoolean(true),
                    marketingNode.hasNonNull("maxPerDay") ? positive(marketingNode, "marketing.maxPerDay") : null,
                    marketingNode.path("mediaApprovedOnly").asBoolean(false));
        }
        Integer maxVoiceSeconds = moderation.path("voice").hasNonNull("maxSeconds")
                ? positive(moderation.path("voice"), "voice.maxSeconds") : null;
        return new BehaviourLimits(flood, images, voiceAllowed, maxVoiceSeconds, restTime, urgent, marketing);
    }

    private static int positive(JsonNode node, String name) {
        JsonNode value = node.path(name.substring(name.indexOf('.') + 1));
        if (!value.canConvertToInt() || value.asInt() <= 0) {
            throw new IllegalArgumentException("moderation." + name + " must be a positive number");
        }
        return value.asInt();
    }

    private static Integer optionalPositive(JsonNode node, String name) {
        return node.hasNonNull(name.substring(name.indexOf('.') + 1)) ? positive(node, name) : null;
    }
}
