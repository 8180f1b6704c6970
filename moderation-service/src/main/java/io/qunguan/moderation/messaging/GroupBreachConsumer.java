package io.qunguan.moderation.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.events.PolicyBreachFound;
import io.qunguan.moderation.domain.GroupBreaches;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code group.events} for the breaches group-service finds; the topic's other events are not moderation's
 * business. Retries and the dead-letter topic {@code group.events.dlq} as for messages.
 */
@ApplicationScoped
public class GroupBreachConsumer {

    private final IncomingEvents incoming;
    private final GroupBreaches breaches;

    public GroupBreachConsumer(IncomingEvents incoming, GroupBreaches breaches) {
        this.incoming = incoming;
        this.breaches = breaches;
    }

    @Incoming("group-breaches")
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = EventJson.MalformedEventException.class)
    public void consume(byte[] value) {
        incoming.read(value, PolicyBreachFound.class).ifPresent(breaches::record);
    }
}
