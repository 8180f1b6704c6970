package io.qunguan.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.EventPayload;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads consumed records. A malformed record throws {@link EventJson.MalformedEventException} (the channel
 * sends it to its dead-letter topic); a well-formed event of an unknown type is skipped and counted, so a
 * newer producer never blocks an older consumer.
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private final MeterRegistry registry;

    public IncomingEvents(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Reads a record and keeps it only when its payload is a {@code payloadType}; other types on the same
     * topic are not this consumer's business.
     */
    @SuppressWarnings("unchecked")
    public <T extends EventPayload> Optional<EventEnvelope<T>> read(byte[] value, Class<T> payloadType) {
        return read(value)
                .filter(event -> payloadType.isInstance(event.data()))
                .map(event -> (EventEnvelope<T>) (EventEnvelope<?>) event);
    }

    public Optional<EventEnvelope<EventPayload>> read(byte[] value) {
        if (value == null) {
            throw new EventJson.MalformedEventException("empty record");
        }
        try {
            return Optional.of(EventJson.read(value));
        } catch (EventJson.UnknownEventTypeException e) {
            registry.counter("qunguan.events.skipped", "type", e.type()).increment();
            LOG.debugf("skipping event of unknown type %s", e.type());
            return Optional.empty();
        }
    }
}
