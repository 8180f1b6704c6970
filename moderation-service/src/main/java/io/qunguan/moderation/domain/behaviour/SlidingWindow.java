package io.qunguan.moderation.domain.behaviour;

import java.time.Duration;
import java.util.Arrays;

/**
 * At most {@code max} events within {@code per} (BH-1, BH-3): the times of the last events, and until when a burst
 * already reported lasts, so a burst is one violation however long it goes on.
 *
 * @param recent        epoch milliseconds of the latest events within {@code per}, oldest first; at most
 *                      {@code 2 (max + 1)} are kept
 * @param reportedUntil epoch milliseconds until which over-limit events belong to a burst already reported; 0 for none
 */
public record SlidingWindow(long[] recent, long reportedUntil) {

    /** The window after one more event, and whether that event starts a burst. */
    public record Step(SlidingWindow window, boolean burstStarts, int inWindow) {
    }

    public static final SlidingWindow EMPTY = new SlidingWindow(new long[0], 0);

    public SlidingWindow {
        recent = recent == null ? new long[0] : recent.clone();
    }

    /**
     * Adds an event at {@code at}: when more than {@code max} fall within {@code per} of it, that is a burst; it
     * starts (one violation) unless a reported burst is still going on, and each over-limit event keeps the burst
     * going for another {@code per}.
     */
    public Step add(long at, int max, Duration per) {
        long latest = Arrays.stream(recent).max().orElse(at);
        long since = Math.max(at, latest) - per.toMillis();
        long[] next = Arrays.stream(recent).filter(time -> time > since).toArray();
        next = Arrays.copyOf(next, next.length + 1);
        next[next.length - 1] = at;
        Arrays.sort(next);
        // late events may arrive out of order: keep enough to see max + 1 of them within any span of per
        if (next.length > 2 * (max + 1)) {
            next = Arrays.copyOfRange(next, next.length - 2 * (max + 1), next.length);
        }
        int inWindow = 0;
        for (int i = 0; i < next.length; i++) {
            int j = i;
            while (j + 1 < next.length && next[j + 1] - next[i] < per.toMillis()) {
                j++;
            }
            if (next[i] <= at && at <= next[j]) {
                inWindow = Math.max(inWindow, j - i + 1);
            }
        }
        boolean over = inWindow > max;
        boolean starts = over && at >= reportedUntil;
        long until = over ? Math.max(reportedUntil, at + per.toMillis()) : reportedUntil;
        return new Step(new SlidingWindow(next, until), starts, inWindow);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SlidingWindow window && Arrays.equals(recent, window.recent)
                && reportedUntil == window.reportedUntil;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(recent) + Long.hashCode(reportedUntil);
    }

    @Override
    public String toString() {
        return "SlidingWindow" + Arrays.toString(recent) + " until " + reportedUntil;
    }
}
