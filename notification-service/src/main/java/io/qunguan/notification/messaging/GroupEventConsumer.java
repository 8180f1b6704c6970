package io.qunguan.notification.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.NoticePinned;
import io.qunguan.notification.domain.acknowledgements.Acknowledgements;
import io.qunguan.notification.domain.notices.Notices;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code group.events}: tasks and dissolutions owe people notices, pinned notices reach every member and are
 * tracked (GL-10, BH-6); poison records go to the dead-letter topic.
 */
@ApplicationScoped
public class GroupEventConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final Notices notices;
    private final Acknowledgements acknowledgements;

    public GroupEventConsumer(IncomingEvents incoming, RecordRetries retries, Notices notices,
            Acknowledgements acknowledgements) {
        this.incoming = incoming;
        this.retries = retries;
        this.notices = notices;
        this.acknowledgements = acknowledgements;
    }

    @Override
    public String channel() {
        return "group-events";
    }

    @Override
    @Incoming("group-events")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> {
            incoming.read(value).ifPresent(event -> {
                if (event.data() instanceof NoticePinned) {
                    acknowledgements.pinned(ViolationConsumer.as(event));
                } else {
                    notices.groupEvent(event);
                }
            });
        });
    }
}
