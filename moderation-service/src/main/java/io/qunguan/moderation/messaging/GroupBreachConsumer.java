package io.qunguan.moderation.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.PolicyBreachFound;
import io.qunguan.moderation.domain.GroupBreaches;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code group.events} for the breaches group-service finds; the topic's other events are not moderation's
 * business. Retries and the dead-letter topic {@code moderation-service.group-breaches.dlq} as for messages.
 */
@ApplicationScoped
public class GroupBreachConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final GroupBreaches breaches;

    public GroupBreachConsumer(IncomingEvents incoming, RecordRetries retries, GroupBreaches breaches) {
        this.incoming = incoming;
        this.retries = retries;
        this.breaches = breaches;
    }

    @Override
    public String channel() {
        return "group-breaches";
    }

    @Override
    @Incoming("group-breaches")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value, PolicyBreachFound.class)
                .ifPresent(breaches::record));
    }
}
