package io.qunguan.notification.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.AppealDecisionDue;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.ResponseDueSoon;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.events.ViolationEscalated;
import io.qunguan.events.ViolationOpened;
import io.qunguan.notification.domain.notices.Notices;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code moderation.violations}: each offender gets a notice, each escalation management (SV-8); poison
 * records go to the dead-letter topic.
 */
@ApplicationScoped
public class ViolationConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final Notices notices;

    public ViolationConsumer(IncomingEvents incoming, RecordRetries retries, Notices notices) {
        this.incoming = incoming;
        this.retries = retries;
        this.notices = notices;
    }

    @Override
    public String channel() {
        return "violations";
    }

    @Override
    @Incoming("violations")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> {
            incoming.read(value).ifPresent(event -> {
                if (event.data() instanceof ViolationOpened) {
                    notices.violationOpened(as(event));
                } else if (event.data() instanceof ViolationEscalated) {
                    notices.violationEscalated(as(event));
                } else if (event.data() instanceof AppealDecided) {
                    notices.appealDecided(as(event));
                } else if (event.data() instanceof AppealDecisionDue) {
                    notices.appealDecisionDue(as(event));
                } else if (event.data() instanceof ResponseMeasured) {
                    notices.responseMeasured(as(event));
                } else if (event.data() instanceof ResponseDueSoon) {
                    notices.responseDueSoon(as(event));
                }
            });
        });
    }

    /** The event as the payload type just checked: one read of the record for both kinds. */
    @SuppressWarnings("unchecked")
    static <T extends EventPayload> EventEnvelope<T> as(EventEnvelope<EventPayload> event) {
        return (EventEnvelope<T>) (EventEnvelope<?>) event;
    }
}
