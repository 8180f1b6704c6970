package io.qunguan.notification.domain.notices;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How notices are delivered: the company's choices, in {@code qunguan.notifications.*}. */
@ConfigMapping(prefix = "qunguan.notifications")
public interface NoticeSettings {

    /** The language of people the directory gives none: {@code zh-CN}, {@code zh-TW} or {@code en}. */
    @WithDefault("zh-CN")
    String defaultLanguage();

    /** The channels a notice tries, in order: the next takes over when one cannot deliver. */
    @WithDefault("IM,EMAIL")
    List<Channel> channels();

    /** Per notice kind ({@code VIOLATION}, …), channels other than {@link #channels()}. */
    Map<String, List<Channel>> channelsOf();

    /** Attempts on one channel while it is unavailable, before the next channel takes over. */
    @WithDefault("6")
    int maxAttempts();

    /** How often due deliveries are looked for ({@code off} stops the runner, for tests that drive it). */
    @WithDefault("2s")
    String deliveryInterval();

    /** How long an attempt may take before another instance may look at it again. */
    @WithDefault("2m")
    Duration lease();

    /** The channels of {@code kind}. */
    default List<Channel> channelsFor(NoticeKind kind) {
        return channelsOf().getOrDefault(kind.name(), channels());
    }
}
