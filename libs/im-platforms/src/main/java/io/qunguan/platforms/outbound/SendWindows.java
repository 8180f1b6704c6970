package io.qunguan.platforms.outbound;

import io.qunguan.events.Platform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final Map<Platform, List<Window>> limitsByPlatform;
    private final Map<String, Slots> destinations = new ConcurrentHashMap<>();

    public SendWindows(Map<Platform, List<Window>> limitsByPlatform) {
        this.limitsByPlatform = Map.copyOf(limitsByPlatform);
    }

    /** The limits the platforms publish for robot and bot posting (reference table, part A). */
    public static SendWindows published() {
        return new SendWindows(Map.of(
                Platform.WECOM, List.of(new Window(20, Duration.ofMinutes(1))),
                Platform.DINGTALK, List.of(new Window(20, Duration.ofMinutes(1))),
                Platform.FEISHU, List.of(new Window(5, Duration.ofSeconds(1)), new Window(100, Duration.ofMinutes(1))),
                Platform.SLACK, List.of(new Window(1, Duration.ofSeconds(1))),
                // bridges publish no limit; a personal account that posts fast is the one that gets banned
                Platform.ONEBOT, List.of(new Window(1, Duration.ofSeconds(1)), new Window(20, Duration.ofMinutes(1)))));
    }

    /** The limits for an app posting to one chat (WeCom appchat, DingTalk robot, Feishu app, Slack bot, OneBot). */
    public static SendWindows appPosts() {
        return new SendWindows(Map.of(
                Platform.WECOM, List.of(new Window(20, Duration.ofMinutes(1))),
                Platform.DINGTALK, List.of(new Window(20, Duration.ofMinutes(1))),
                // Feishu: 5 QPS per chat, shared by every bot in it
                Platform.FEISHU, List.of(new Window(5, Duration.ofSeconds(1))),
                Platform.SLACK, List.of(new Window(1, Duration.ofSeconds(1))),
                Platform.ONEBOT, List.of(new Window(1, Duration.ofSeconds(1)), new Window(20, Duration.ofMinutes(1)))));
    }

    /**
     * The limits per person for app messages to one person, as the platforms document them (not verified against a
     * tenant): WeCom 30 a minute per member and app, Feishu 5 a second per user, Slack 1 a second per conversation.
     * DingTalk publishes a daily quota per employee (kept by the caller's store, not in memory) and no short one, and
     * OneBot bridges publish none: both are paced like a group.
     */
    public static SendWindows directMessages() {
        return new SendWindows(Map.of(
                Platform.WECOM, List.of(new Window(30, Duration.ofMinutes(1))),
                Platform.DINGTALK, List.of(new Window(1, Duration.ofSeconds(1)), new Window(20, Duration.ofMinutes(1))),
                Platform.FEISHU, List.of(new Window(5, Duration.ofSeconds(1))),
                Platform.SLACK, List.of(new Window(1, Duration.ofSeconds(1))),
                Platform.ONEBOT, List.of(new Window(1, Duration.ofSeconds(1)), new Window(20, Duration.ofMinutes(1)))));
    }

    /** The windows a destination on {@code platform} keeps; empty for a platform without limits here. */
    public List<Window> limits(Platform platform) {
        return limitsByPlatform.getOrDefault(platform, List.of());
    }

    /**
     * Reserves the earliest moment at or after {@code now} when {@code destination} may send again, and counts
     * the send there; empty, and nothing counted, when that moment is more than {@code maxWait} away.
     */
    public Optional<Instant> reserve(Platform platform, String destination, Instant now, Duration maxWait) {
        return slots(platform, destination).reserve(now, now.plus(maxWait));
    }

    /**
     * Waits in this thread for {@code destination}'s turn, at most {@code maxWait}; empty when the turn came, else why
     * the send must be tried later (the turn is further off, or the wait was interrupted).
     */
    public Optional<String> awaitTurn(Platform platform, String destination, Clock clock, Duration maxWait) {
        Optional<Instant> turn = reserve(platform, destination, clock.instant(), maxWait);
        if (turn.isEmpty()) {
            return Optional.of("the send limit is reached");
        }
        long wait = Duration.between(clock.instant(), turn.get()).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
        return Optional.empty();
    }

    /** After a platform said "too fast": nothing more goes to {@code destination} before {@code until}. */
    public void pause(Platform platform, String destination, Instant until) {
        slots(platform, destination).pause(until);
    }

    private Slots slots(Platform platform, String destination) {
        List<Window> windows = limitsByPlatform.get(platform);
        if (windows == null) {
            throw new IllegalArgumentException("no send limits for platform " + platform);
        }
        return destinations.computeIfAbsent(platform.id() + "|" + destination, key -> new Slots(windows));
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

        synchronized Optional<Instant> reserve(Instant now, Instant deadline) {
            // first come, first served: a send never overtakes one reserved before it
            Instant at = latest(now, latest(pausedUntil, lastReserved));
            boolean moved = true;
            while (moved) {
                moved = false;
                for (int i = 0; i < windows.size(); i++) {
                    Instant free = firstFree(sent.get(i), windows.get(i), at);
                    if (free.isAfter(at)) {
                        at = free;
                        moved = true;
                    }
                }
            }
            if (at.isAfter(deadline)) {
                // nothing is changed by a turn that is refused
                return Optional.empty();
            }
            for (int i = 0; i < windows.size(); i++) {
                ArrayDeque<Instant> times = sent.get(i);
                // a send leaves the window once it is a full length old
                while (!times.isEmpty() && !times.peekFirst().plus(windows.get(i).length()).isAfter(at)) {
                    times.pollFirst();
                }
                times.addLast(at);
            }
            lastReserved = at;
            return Optional.of(at);
        }

        /** {@code at} when the window has room then, else when its oldest send still in it leaves. */
        private static Instant firstFree(ArrayDeque<Instant> times, Window window, Instant at) {
            int inWindow = 0;
            Instant oldest = null;
            for (Instant time : times) {
                if (time.plus(window.length()).isAfter(at)) {
                    oldest = oldest == null ? time : oldest;
                    inWindow++;
                }
            }
            return inWindow < window.limit() ? at : oldest.plus(window.length());
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
