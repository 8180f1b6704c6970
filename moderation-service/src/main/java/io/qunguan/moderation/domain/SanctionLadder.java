package io.qunguan.moderation.domain;

import io.qunguan.events.Severity;
import java.util.List;

/**
 * The sanctions ladder (SV-2): each repeat offence within the look-back window climbs one rung; a high or
 * critical violation starts one or two rungs higher.
 */
public final class SanctionLadder {

    /** The rungs, mildest first. */
    public static final List<String> RUNGS = List.of("REMINDER", "WARNING", "RECALL_REQUEST", "MUTE", "REMOVAL",
            "WRITTEN_WARNING");

    private SanctionLadder() {
    }

    /** The sanction for a violation of {@code severity} by someone with {@code priorViolations} recent ones. */
    public static String decide(Severity severity, long priorViolations) {
        int start = switch (severity) {
            case LOW, MEDIUM -> 0;
            case HIGH -> 1;
            case CRITICAL -> 2;
        };
        long rung = Math.min(RUNGS.size() - 1, start + priorViolations);
        return RUNGS.get((int) rung);
    }
}
