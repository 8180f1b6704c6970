package io.qunguan.moderation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qunguan.events.Severity;
import org.junit.jupiter.api.Test;

/** SV-2: repeat offences escalate; severe ones start higher; the top rung holds. */
class SanctionLadderTest {

    @Test
    void sv2FirstOffenceIsAReminderAndRepeatsEscalate() {
        assertEquals("REMINDER", SanctionLadder.decide(Severity.LOW, 0));
        assertEquals("WARNING", SanctionLadder.decide(Severity.MEDIUM, 1));
        assertEquals("RECALL_REQUEST", SanctionLadder.decide(Severity.LOW, 2));
        assertEquals("MUTE", SanctionLadder.decide(Severity.LOW, 3));
    }

    @Test
    void sv2SevereViolationsStartHigherAndTheTopRungHolds() {
        assertEquals("WARNING", SanctionLadder.decide(Severity.HIGH, 0));
        assertEquals("RECALL_REQUEST", SanctionLadder.decide(Severity.CRITICAL, 0));
        assertEquals("WRITTEN_WARNING", SanctionLadder.decide(Severity.CRITICAL, 40));
    }
}
