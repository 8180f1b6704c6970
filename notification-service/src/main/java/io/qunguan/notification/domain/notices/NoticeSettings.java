package io.qunguan.notification.domain.notices;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How notices are delivered: the company's choices, in {@code qunguan.notifications.*}. */
@ConfigMapping(prefix = "qunguan.notifications")
public interface NoticeSettings {

    /** The language of people the directory gives none: {@code zh-CN}, {@code zh-TW} or {@code en}. */
    @WithDefault("zh-CN")
    String defaultLanguage();

    /** The employees who are told of every escalated violation (SV-8) besides HR and the department head. */
    Optional<List<String>> escalateTo();

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

    /** The company's time zone: quiet hours and working days are read in it. */
    @WithDefault("Asia/Shanghai")
    String zone();

    /**
     * When notices that are not urgent wait: {@code HH:mm-HH:mm} (may span midnight) or {@code none}. Urgent ones (a
     * mute or a removal) go at once.
     */
    @WithDefault("22:00-08:00")
    String quietHours();

    /** Whether notices that are not urgent wait for a working day (weekends and public holidays off). */
    @WithDefault("true")
    boolean workingDaysOnly();

    /**
     * The calendar of public holidays and adjusted working days ({@code <yyyy-MM-dd> off|work [name]} per line);
     * unset, the one shipped in {@code libs/work-time} (China's official arrangement).
     */
    Optional<String> calendarFile();

    /** How long a notice of little weight (a low-severity reminder) waits to go with the person's others. */
    @WithDefault("1h")
    Duration digestWindow();

    /** How long an attempt may take before another instance may look at it again. */
    @WithDefault("2m")
    Duration lease();

    /**
     * Whether a group's own quiet hours (its policy's {@code moderation.quietHours}) hold its notices back, besides
     * the company's; off where notices must go at any hour (tests, the local run).
     */
    @WithDefault("true")
    boolean groupQuietHours();

    /**
     * How long after a notice's deadline its overdue members are settled: replies sent before the deadline that are
     * still on their way through the pipeline count.
     */
    @WithDefault("1m")
    Duration acknowledgementGrace();

    /** Where people open reporting-service's dashboard: the base of a report's links (SV-1). */
    @WithDefault("http://127.0.0.1:8084")
    String dashboardUrl();

    /** How often due timers (acknowledgement reminders and deadlines, meetings) are looked for. */
    @WithDefault("5s")
    String timerInterval();

    /** The channels of {@code kind}: a group's notices are posted in its chat, whatever the configuration. */
    default List<Channel> channelsFor(NoticeKind kind) {
        return kind.toChat() ? List.of(Channel.CHAT) : channelsOf().getOrDefault(kind.name(), channels());
    }
}
