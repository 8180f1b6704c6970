package io.qunguan.moderation.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.MessagePosted;
import io.qunguan.moderation.domain.ModerationService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code im.messages}. A database or broker outage is waited out ({@link RecordRetries}); a record that
 * still fails after a few tries, or a malformed one at once, goes to {@code moderation-service.messages.dlq} and the
 * partition keeps flowing.
 */
@ApplicationScoped
public class MessageConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final ModerationService moderation;

    public MessageConsumer(IncomingEvents incoming, RecordRetries retries, ModerationService moderation) {
        this.incoming = incoming;
        this.retries = retries;
        this.moderation = moderation;
    }

    @Override
    public String channel() {
        return "messages";
    }

    @Override
    @Incoming("messages")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value, MessagePosted.class).ifPresent(moderation::judge));
    }
}
