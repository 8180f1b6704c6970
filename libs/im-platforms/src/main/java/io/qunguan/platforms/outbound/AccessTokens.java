package io.qunguan.platforms.outbound;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platforms' app access tokens (WeCom {@code gettoken}, DingTalk {@code gettoken}, Feishu
 * {@code tenant_access_token}), each valid about two hours. A token is reused until {@code margin} before it
 * expires; then exactly one caller fetches the next one while the others wait for it (single flight), so a burst of
 * admin actions never turns into a burst of token requests, which the platforms limit too.
 */
public final class AccessTokens {

    /** A token and when the platform said it expires. */
    public record Token(String value, Instant expiresAt) {

        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + "]";
        }
    }

    /** Asks the platform for a fresh token. */
    @FunctionalInterface
    public interface Source {
        Token fetch() throws IOException, InterruptedException;
    }

    private final Clock clock;
    private final Duration margin;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public AccessTokens(Clock clock, Duration margin) {
        this.clock = clock;
        this.margin = margin;
    }

    /** The cached token of {@code app}, or a fresh one from {@code source} when it is missing or about to expire. */
    public String get(String app, Source source) throws IOException, InterruptedException {
        Slot slot = slots.computeIfAbsent(app, key -> new Slot());
        Token cached = slot.token;
        if (fresh(cached)) {
            return cached.value();
        }
        synchronized (slot) {
            // whoever waited here while another caller fetched finds the new token and does not fetch again
            if (fresh(slot.token)) {
                return slot.token.value();
            }
            Token fetched = source.fetch();
            slot.token = fetched;
            return fetched.value();
        }
    }

    /**
     * Forgets {@code value} after the platform called it invalid or expired (revoked, secret rotated). A token another
     * caller fetched meanwhile is kept.
     */
    public void invalidate(String app, String value) {
        Slot slot = slots.get(app);
        if (slot != null) {
            synchronized (slot) {
                if (slot.token != null && slot.token.value().equals(value)) {
                    slot.token = null;
                }
            }
        }
    }

    private boolean fresh(Token token) {
        return token != null && clock.instant().plus(margin).isBefore(token.expiresAt());
    }

    private static final class Slot {
        private volatile Token token;
    }
}
