package io.qunguan.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as it travels on Kafka: CloudEvents 1.0 attributes around a typed payload. Serialised in the
 * CloudEvents structured JSON form by {@link EventJson}; the Kafka key is {@link #subject()}.
 *
 * @param id       unique per event; for platform events derived from the platform's own id ({@link EventIds})
 * @param type     the payload's type name, e.g. {@value MessagePosted#TYPE}
 * @param source   who produced it, e.g. {@code /group-service/webhooks/generic}
 * @param subject  the aggregate id (group id for im.*, group.*, moderation.*)
 * @param time     when it happened
 */
public record EventEnvelope<T extends EventPayload>(UUID id, String type, String source, String subject,
        OffsetDateTime time, T data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** Wraps a payload, taking type and subject from it. */
    public static <T extends EventPayload> EventEnvelope<T> of(UUID id, String source, OffsetDateTime time, T data) {
        return new EventEnvelope<>(id, EventTypes.typeOf(data), source, data.subject(), time, data);
    }

    /** Wraps a payload with a fresh random id, stamped now. */
    public static <T extends EventPayload> EventEnvelope<T> fresh(String source, T data) {
        return of(UUID.randomUUID(), source, OffsetDateTime.now(ZoneOffset.UTC), data);
    }

    /** This envelope, typed as its payload {@code data} (as matched by a switch over {@link #data()}). */
    @SuppressWarnings("unchecked")
    public <P extends EventPayload> EventEnvelope<P> as(P data) {
        if (data != this.data) {
            throw new IllegalArgumentException("not this envelope's payload");
        }
        return (EventEnvelope<P>) this;
    }
}
