package io.qunguan.platforms.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qunguan.events.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-destination limits (reference case 38): a burst of 100 queues, none is dropped, no window is exceeded. */
class SendWindowsTest {

    static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    static final Duration ANY_WAIT = Duration.ofDays(1);

    static int mostInAnyWindow(List<Instant> sends, Duration length) {
        int most = 0;
        for (Instant start : sends) {
            int inWindow = (int) sends.stream().filter(at -> !at.isBefore(start) && at.isBefore(start.plus(length))).count();
            most = Math.max(most, inWindow);
        }
        return most;
    }

    @Test
    void aBurstOfOneHundredToADingTalkRobotNeverExceedsTwentyInAnyMinute() {
        SendWindows windows = SendWindows.published();
        List<Instant> sends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sends.add(windows.reserve(Platform.DINGTALK, "robot-a", T0, ANY_WAIT).orElseThrow());
        }
        assertEquals(20, mostInAnyWindow(sends, Duration.ofMinutes(1)));
        assertEquals(T0, sends.get(19));
        assertEquals(T0.plusSeconds(60), sends.get(20));
        assertEquals(T0.plusSeconds(240), sends.get(99), "the hundredth waits four minutes: queued, not dropped");
        for (int i = 1; i < sends.size(); i++) {
            assertFalse(sends.get(i).isBefore(sends.get(i - 1)), "first come, first served");
        }
    }

    @Test
    void feishuKeepsBothFivePerSecondAndOneHundredPerMinute() {
        SendWindows windows = SendWindows.published();
        List<Instant> sends = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            sends.add(windows.reserve(Platform.FEISHU, "hook-1", T0, ANY_WAIT).orElseThrow());
        }
        assertEquals(5, mostInAnyWindow(sends, Duration.ofSeconds(1)));
        assertEquals(100, mostInAnyWindow(sends, Duration.ofMinutes(1)));
        assertEquals(T0.plusSeconds(1), sends.get(5));
        assertEquals(T0.plusSeconds(19), sends.get(99));
        assertEquals(T0.plusSeconds(60), sends.get(100));
    }

    @Test
    void destinationsAreIndependentAndAPauseHoldsBackLaterSends() {
        SendWindows windows = SendWindows.published();
        assertEquals(T0, windows.reserve(Platform.SLACK, "C1", T0, ANY_WAIT).orElseThrow());
        assertEquals(T0, windows.reserve(Platform.SLACK, "C2", T0, ANY_WAIT).orElseThrow(), "another channel has its own window");
        assertEquals(T0.plusSeconds(1), windows.reserve(Platform.SLACK, "C1", T0, ANY_WAIT).orElseThrow());
        windows.pause(Platform.SLACK, "C2", T0.plusSeconds(30));
        assertEquals(T0.plusSeconds(30), windows.reserve(Platform.SLACK, "C2", T0.plusSeconds(2), ANY_WAIT).orElseThrow());
        assertEquals(T0.plusSeconds(5), windows.reserve(Platform.WECOM, "key", T0.plusSeconds(5), ANY_WAIT).orElseThrow());
    }

    @Test
    void aTurnTooFarAwayIsRefusedWithoutTakingASlot() {
        SendWindows windows = SendWindows.published();
        assertEquals(T0, windows.reserve(Platform.SLACK, "C3", T0, ANY_WAIT).orElseThrow());
        assertTrue(windows.reserve(Platform.SLACK, "C3", T0, Duration.ofMillis(500)).isEmpty(), "the next turn is 1 s away");
        assertEquals(T0.plusSeconds(1), windows.reserve(Platform.SLACK, "C3", T0, ANY_WAIT).orElseThrow(),
                "the refused turn was not counted: the next one is still the first free slot");
    }
}
