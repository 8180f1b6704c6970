package io.qunguan.reporting.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.events.ViolationOpened;
import io.qunguan.reporting.domain.ViolationReports;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code moderation.violations} into the read model; poison records go to the dead-letter topic. */
@ApplicationScoped
public class ViolationConsumer {

    private final IncomingEvents incoming;
    private final ViolationReports reports;

    public ViolationConsumer(IncomingEvents incoming, ViolationReports reports) {
        this.incoming = incoming;
        this.reports = reports;
    }

    @Incoming("violations")
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = EventJson.MalformedEventException.class)
    public void consume(byte[] value) {
        incoming.read(value, ViolationOpened.class).ifPresent(reports::project);
    }
}
