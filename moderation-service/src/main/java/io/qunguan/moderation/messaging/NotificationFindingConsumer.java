package io.qunguan.moderation.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.moderation.domain.NotificationFindings;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code notification.events} for what notification-service finds (BH-6 overdue acknowledgements, MT-1 and
 * MT-2 meeting breaches); the topic's other events are not moderation's business. Retries and the dead-letter topic
 * {@code notification.events.dlq} as for messages.
 */
@ApplicationScoped
public class NotificationFindingConsumer {

    private final IncomingEvents incoming;
    private final NotificationFindings findings;

    public NotificationFindingConsumer(IncomingEvents incoming, NotificationFindings findings) {
        this.incoming = incoming;
        this.findings = findings;
    }

    @Incoming("notification-events")
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = EventJson.MalformedEventException.class)
    public void consume(byte[] value) {
        incoming.read(value).ifPresent(findings::record);
    }
}
