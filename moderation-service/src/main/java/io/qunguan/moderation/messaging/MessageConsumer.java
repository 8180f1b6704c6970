package io.qunguan.moderation.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.events.MessagePosted;
import io.qunguan.moderation.domain.ModerationService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code im.messages}. Transient failures are retried a few times, each in a new transaction;
 * then, or at once for a malformed record, the record goes to {@code im.messages.dlq} and the partition
 * keeps flowing.
 */
@ApplicationScoped
public class MessageConsumer {

    private final IncomingEvents incoming;
    private final ModerationService moderation;

    public MessageConsumer(IncomingEvents incoming, ModerationService moderation) {
        this.incoming = incoming;
        this.moderation = moderation;
    }

    @Incoming("messages")
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = EventJson.MalformedEventException.class)
    public void consume(byte[] value) {
        incoming.read(value, MessagePosted.class).ifPresent(moderation::judge);
    }
}
