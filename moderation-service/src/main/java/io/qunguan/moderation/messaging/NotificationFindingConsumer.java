package io.qunguan.moderation.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.moderation.domain.NotificationFindings;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code notification.events} for what notification-service finds (BH-6 overdue acknowledgements, MT-1 and
 * MT-2 meeting breaches); the topic's other events are not moderation's business. Retries and the dead-letter topic
 * {@code moderation-service.notification-events.dlq} as for messages.
 */
@ApplicationScoped
public class NotificationFindingConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final NotificationFindings findings;

    public NotificationFindingConsumer(IncomingEvents incoming, RecordRetries retries, NotificationFindings findings) {
        this.incoming = incoming;
        this.retries = retries;
        this.findings = findings;
    }

    @Override
    public String channel() {
        return "notification-events";
    }

    @Override
    @Incoming("notification-events")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value).ifPresent(findings::record));
    }
}
