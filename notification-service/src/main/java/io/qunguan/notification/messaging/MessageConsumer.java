package io.qunguan.notification.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.MessagePosted;
import io.qunguan.notification.domain.acknowledgements.Acknowledgements;
import io.qunguan.notification.domain.meetings.Meetings;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code im.messages}: group notices and their acknowledgements (BH-6), meeting notices and minutes (MT-1,
 * MT-2); recalls and other types are skipped; poison records go to the dead-letter topic.
 */
@ApplicationScoped
public class MessageConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final Acknowledgements acknowledgements;
    private final Meetings meetings;

    public MessageConsumer(IncomingEvents incoming, RecordRetries retries, Acknowledgements acknowledgements,
            Meetings meetings) {
        this.incoming = incoming;
        this.retries = retries;
        this.acknowledgements = acknowledgements;
        this.meetings = meetings;
    }

    @Override
    public String channel() {
        return "messages";
    }

    @Override
    @Incoming("messages")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> {
            incoming.read(value, MessagePosted.class).ifPresent(message -> {
                acknowledgements.posted(message);
                meetings.posted(message);
            });
        });
    }
}
