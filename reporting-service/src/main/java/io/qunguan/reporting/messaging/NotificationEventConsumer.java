package io.qunguan.reporting.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.AcknowledgementSettled;
import io.qunguan.reporting.domain.Responsiveness;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code notification.events}: settled acknowledgements for the assessment (SV-3); poison is dead-lettered. */
@ApplicationScoped
public class NotificationEventConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final Responsiveness responsiveness;

    public NotificationEventConsumer(IncomingEvents incoming, RecordRetries retries, Responsiveness responsiveness) {
        this.incoming = incoming;
        this.retries = retries;
        this.responsiveness = responsiveness;
    }

    @Override
    public String channel() {
        return "notification-events";
    }

    @Override
    @Incoming("notification-events")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value).ifPresent(event -> {
            if (event.data() instanceof AcknowledgementSettled settled) {
                responsiveness.acknowledgement(event.as(settled));
            }
        }));
    }
}
