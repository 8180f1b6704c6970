package io.qunguan.moderation.domain.policy;

import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A group type's sanctions ladder (SV-2): the rungs, mildest first; the rung a first offence starts on by its
 * severity; and the window in which earlier offences count as repeats. Each repeat climbs one rung; the top rung
 * holds.
 */
public record Ladder(List<Sanction> rungs, Map<Severity, Integer> startBySeverity, Duration repeatWindow) {

    /** Where a first offence starts when the policy does not say: a serious one higher up. */
    public static final Map<Severity, Integer> DEFAULT_START = Map.of(Severity.LOW, 0, Severity.MEDIUM, 0,
            Severity.HIGH, 1, Severity.CRITICAL, 2);
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(90);

    public Ladder {
        rungs = List.copyOf(rungs);
        if (rungs.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one rung");
        }
        Map<Severity, Integer> start = new EnumMap<>(Severity.class);
        start.putAll(DEFAULT_START);
        start.putAll(startBySeverity);
        startBySeverity = Map.copyOf(start);
        Objects.requireNonNull(repeatWindow, "repeatWindow");
    }

    /** The sanction for the {@code offence}-th offence (1 for a first) within the window, of {@code severity}. */
    public Sanction rungFor(Severity severity, int offence) {
        if (offence < 1) {
            throw new IllegalArgumentException("offences count from 1");
        }
        long rung = (long) startBySeverity.get(severity) + offence - 1;
        return rungs.get((int) Math.max(0, Math.min(rungs.size() - 1, rung)));
    }
}
