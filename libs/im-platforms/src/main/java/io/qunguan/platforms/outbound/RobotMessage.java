package io.qunguan.platforms.outbound;

import java.util.List;
import java.util.Objects;

/**
 * A message a robot posts in a group: plain text or markdown (each platform's flavour), and the platform user
 * ids to @mention.
 */
public record RobotMessage(String text, boolean markdown, List<String> mentions) {

    public RobotMessage {
        Objects.requireNonNull(text, "text");
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    public static RobotMessage text(String text, String... mentions) {
        return new RobotMessage(text, false, List.of(mentions));
    }

    public static RobotMessage markdown(String text) {
        return new RobotMessage(text, true, List.of());
    }
}
