package io.qunguan.platforms.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reference case 42: tokens reused until shortly before they expire, refreshed by one caller at a time. */
class AccessTokensTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-21T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AccessTokens tokens = new AccessTokens(clock, Duration.ofMinutes(5));

    private AccessTokens.Token twoHours() {
        return new AccessTokens.Token("token-" + fetches.incrementAndGet(), clock.instant().plus(Duration.ofHours(2)));
    }

    @Test
    void aTokenIsReusedUntilFiveMinutesBeforeItExpires() throws Exception {
        assertEquals("token-1", tokens.get("feishu", this::twoHours));
        clock.advance(Duration.ofMinutes(114));
        assertEquals("token-1", tokens.get("feishu", this::twoHours));
        clock.advance(Duration.ofMinutes(1));
        assertEquals("token-2", tokens.get("feishu", this::twoHours), "renewed five minutes before expiry");
        assertEquals("token-3", tokens.get("wecom", this::twoHours), "each app has its own token");
    }

    @Test
    void anInvalidatedTokenIsFetchedAgainButAFresherOneIsKept() throws Exception {
        tokens.get("feishu", this::twoHours);
        tokens.invalidate("feishu", "token-1");
        assertEquals("token-2", tokens.get("feishu", this::twoHours));
        // a late report about the old token does not drop the new one
        tokens.invalidate("feishu", "token-1");
        assertEquals("token-2", tokens.get("feishu", this::twoHours));
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        int callers = 16;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(callers);
        AtomicInteger wrong = new AtomicInteger();
        for (int i = 0; i < callers; i++) {
            Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    String token = tokens.get("dingtalk", () -> {
                        Thread.sleep(200);
                        return twoHours();
                    });
                    if (!token.equals("token-1")) {
                        wrong.incrementAndGet();
                    }
                } catch (Exception e) {
                    wrong.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        start.countDown();
        done.await();
        assertEquals(1, fetches.get(), "one fetch for sixteen callers");
        assertEquals(0, wrong.get());
    }

    @Test
    void aFailedFetchLeavesNothingCachedAndTheNextCallerTriesAgain() throws Exception {
        assertThrows(IOException.class, () -> tokens.get("feishu", () -> {
            throw new IOException("down");
        }));
        assertEquals("token-1", tokens.get("feishu", this::twoHours));
    }
}
