package io.qunguan.notification.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.events.ViolationEscalated;
import io.qunguan.events.ViolationOpened;
import io.qunguan.notification.domain.notices.Notices;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code moderation.violations}: each offender gets a notice, each escalation management (SV-8); poison
 * records go to the dead-letter topic.
 */
@ApplicationScoped
public class ViolationConsumer {

    private final IncomingEvents incoming;
    private final Notices notices;

    public ViolationConsumer(IncomingEvents incoming, Notices notices) {
        this.incoming = incoming;
        this.notices = notices;
    }

    @Incoming("violations")
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = EventJson.MalformedEventException.class)
    public void consume(byte[] value) {
        incoming.read(value, ViolationOpened.class).ifPresent(notices::violationOpened);
        incoming.read(value, ViolationEscalated.class).ifPresent(notices::violationEscalated);
    }
}
