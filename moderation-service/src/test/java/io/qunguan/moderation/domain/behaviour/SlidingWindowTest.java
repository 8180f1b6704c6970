package io.qunguan.moderation.domain.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qunguan.events.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BH-1, BH-3: a burst is the first event over the limit, and lasts while events keep coming over it. */
class SlidingWindowTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** The indexes of the events, at {@code seconds}, that start a burst of more than {@code max} a minute. */
    private static List<Integer> burstsAt(int max, int... seconds) {
        SlidingWindow window = SlidingWindow.EMPTY;
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            SlidingWindow.Step step = window.add(seconds[i] * 1000L, max, MINUTE);
            window = step.window();
            if (step.burstStarts()) {
                starts.add(i);
            }
            assertTrue(window.recent().length <= 2 * (max + 1), "keeps no more than it needs");
        }
        return starts;
    }

    @Test
    void bh1TheFirstEventOverTheLimitStartsTheBurstAndTheRestBelongToIt() {
        assertEquals(List.of(3), burstsAt(3, 0, 10, 20, 30, 40, 50, 70, 90));
        assertEquals(List.of(), burstsAt(3, 0, 30, 60, 90, 120, 150), "two a minute is no burst");
    }

    @Test
    void bh1ABurstEndsAMinuteAfterItsLastEventOverTheLimitAndThenANewOneCanStart() {
        assertEquals(List.of(3, 8), burstsAt(3, 0, 5, 10, 15, 20, 300, 305, 310, 315));
    }

    @Test
    void anEventArrivingLateStillCountsInItsOwnMinute() {
        assertEquals(List.of(3), burstsAt(3, 10, 0, 20, 5));
    }

    @Test
    void bh1Bh3LimitsAreReadFromThePolicyAndMustBePositive() throws Exception {
        BehaviourLimits limits = BehaviourLimits.read(EventJson.MAPPER.readTree("""
                {"flood": {"maxMessages": 10, "perSeconds": 60, "shortRun": 5},
                 "images": {"maxImages": 9, "perSeconds": 300}, "voice": {"allowed": false}}"""));
        assertEquals(4, limits.flood().shortLength(), "short means four characters unless the policy says");
        assertEquals(null, limits.flood().fillerRun());
        assertEquals(Duration.ofMinutes(5), limits.images().per());
        assertFalse(limits.voiceAllowed());
        assertTrue(BehaviourLimits.read(EventJson.MAPPER.readTree("{}")).voiceAllowed());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> BehaviourLimits.read(
                EventJson.MAPPER.readTree("{\"flood\": {\"maxMessages\": 0, \"perSeconds\": 60}}")));
        assertTrue(zero.getMessage().contains("flood.maxMessages"), zero.getMessage());
    }
}
