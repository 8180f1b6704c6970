package io.qunguan.group.platform.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-destination send limits as the platforms state them ("20 messages a minute per robot"), kept as sliding
 * windows: a token bucket would allow a full burst on top of a full refill inside one minute, which DingTalk
 * answers with a ten-minute lockout. A send is never dropped: {@link #reserve} hands out the earliest moment
 * every window of the destination has room, and the sender waits for it.
 */
public final class SendWindows {

    /** At most {@code limit} sends in any {@code length}. */
    public record Window(int limit, Duration length) {
    }

    private final Map<String, List<Window>> limitsByPlatform;
    private final Map<String, Slots> destinations = new ConcurrentHashMap<>();

    public SendWindows(Map<String, List<Window>> limitsByPlatform) {
        this.limitsByPlatform = Map.copyOf(limitsByPlatform);
    }

    /** The limits the platforms publish for robot and bot posting (reference table, part A). */
    public static SendWindows published() {
        return new SendWindows(Map.of(
                "wecom", List.of(new Window(20, Duration.ofMinutes(1))),
                "dingtalk", List.of(new Window(20, Duration.ofMinutes(1))),
                "feishu", List.of(new Window(5, Duration.ofSeconds(1)), new Window(100, Duration.ofMinutes(1))),
                "slack", List.of(new Window(1, Duration.ofSeconds(1))),
                // bridges publish no limit; a personal account that posts fast is the one that gets banned
                "onebot", List.of(new Window(1, Duration.ofSeconds(1)), new Window(20, Duration.ofMinutes(1)))));
    }

    /**
     * Reserves the earliest moment at or after {@code now} when {@code destination} may send again, and counts
     * the send there.
     */
    public Instant reserve(String platform, String destination, Instant now) {
        List<Window> windows = limitsByPlatform.get(platform);
        if (windows == null) {
            throw new IllegalArgumentException("no send limits for platform " + platform);
        }
        return destinations.computeIfAbsent(platform + "|" + destination, key -> new Slots(windows)).reserve(now);
    }

    /** After a platform said "too fast": nothing more goes to {@code destination} before {@code until}. */
    public void pause(String platform, String destination, Instant until) {
        destinations.computeIfAbsent(platform + "|" + destination, key -> new Slots(limitsByPlatform.get(platform)))
                .pause(until);
    }

    private static final class Slots {
        private final List<Window> windows;
        private final List<ArrayDeque<Instant>> sent;
        private Instant pausedUntil = Instant.MIN;
        private Instant lastReserved = Instant.MIN;

        Slots(List<Window> windows) {
            this.windows = windows;
            this.sent = windows.stream().map(window -> new ArrayDeque<Instant>()).toList();
        }

        synchronized Instant reserve(Instant now) {
            // first come, first served: a send never overtakes one reserved before it
            Instant at = latest(now, latest(pausedUntil, lastReserved));
            boolean moved = true;
            while (moved) {
                moved = false;
                for (int i = 0; i < windows.size(); i++) {
                    Window window = windows.get(i);
                    ArrayDeque<Instant> times = sent.get(i);
                    // a send leaves the window once it is a full length old
                    while (!times.isEmpty() && !times.peekFirst().plus(window.length()).isAfter(at)) {
                        times.pollFirst();
                    }
                    if (times.size() >= window.limit()) {
                        Instant free = times.peekFirst().plus(window.length());
                        if (free.isAfter(at)) {
                            at = free;
                            moved = true;
                        }
                    }
                }
            }
            for (ArrayDeque<Instant> times : sent) {
                times.addLast(at);
            }
            lastReserved = at;
            return at;
        }

        private static Instant latest(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }

        synchronized void pause(Instant until) {
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }
    }
}
