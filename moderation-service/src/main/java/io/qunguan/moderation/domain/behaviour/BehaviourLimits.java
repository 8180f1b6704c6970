package io.qunguan.moderation.domain.behaviour;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * What a group's policy allows of behaviour over time (BH-1, BH-3, BH-4), read from the {@code flood}, {@code images}
 * and {@code voice} settings of its {@code moderation} section. A setting left out is not checked.
 *
 * @param flood  null when flooding is not checked
 * @param images null when images are not counted
 * @param voice  whether voice messages are allowed
 */
public record BehaviourLimits(Flood flood, Images images, boolean voiceAllowed) {

    public static final BehaviourLimits NONE = new BehaviourLimits(null, null, true);

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
        return new BehaviourLimits(flood, images, voiceAllowed);
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
