package io.qunguan.platforms;

import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.EventPayload;
import io.qunguan.events.Platform;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One verified webhook delivery, normalised: the platform-neutral events it carries, or its raw text when
 * its type is not one Qunguan maps (stored and acknowledged, so the platform does not retry it forever).
 *
 * @param key  the platform's own dedupe key, scoped by platform and tenant: a redelivery has the same key
 * @param type the platform's event type as it was sent, for operators
 * @param raw  the decrypted body, only for unrecognised types
 */
public record Delivery(Platform platform, String key, String type, List<EventEnvelope<EventPayload>> events,
        String raw) {

    public Delivery {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        events = List.copyOf(events);
    }

    public boolean recognised() {
        return raw == null;
    }

    /** A delivery of a type Qunguan does not map: kept raw. */
    public static Delivery unrecognised(Platform platform, String tenant, String dedupeKey, String type, String raw) {
        return new Delivery(platform, scoped(platform, tenant, dedupeKey), type, List.of(), raw);
    }

    /** Starts a delivery whose events are added one by one. */
    public static Builder of(Platform platform, String tenant, String dedupeKey, String type) {
        return new Builder(platform, tenant, dedupeKey, type);
    }

    /**
     * A dedupe key for a platform message that carries no id of its own (some DingTalk and OneBot events): the
     * SHA-256 of its text, which a redelivery repeats.
     */
    public static String contentKey(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }

    static String scoped(Platform platform, String tenant, String dedupeKey) {
        return platform.id() + ":" + (tenant == null ? "" : tenant) + ":" + dedupeKey;
    }

    /** Collects the events of one delivery, each with an id derived from the delivery key and its part. */
    public static final class Builder {
        private final Platform platform;
        private final String key;
        private final String type;
        private final List<EventEnvelope<EventPayload>> events = new ArrayList<>();

        private Builder(Platform platform, String tenant, String dedupeKey, String type) {
            this.platform = platform;
            this.key = scoped(platform, tenant, dedupeKey);
            this.type = type;
        }

        /**
         * Adds an event. {@code part} tells apart the events of one delivery (a member id when one platform
         * event names several members); the same delivery and part always give the same event id.
         */
        public Builder add(String part, OffsetDateTime occurredAt, EventPayload payload) {
            String name = part == null || part.isEmpty() ? key : key + "\u0000" + part;
            events.add(EventEnvelope.of(EventIds.fromPlatform(platform.id(), name), "/group-service/webhooks/" + platform.id(),
                    occurredAt, payload));
            return this;
        }

        public Builder add(OffsetDateTime occurredAt, EventPayload payload) {
            return add(null, occurredAt, payload);
        }

        public Delivery build() {
            return new Delivery(platform, key, type, events, null);
        }
    }
}
