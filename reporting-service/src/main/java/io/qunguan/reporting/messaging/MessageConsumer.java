package io.qunguan.reporting.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.MessageRecalled;
import io.qunguan.reporting.domain.archive.Archive;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code im.messages} into the archive (IS-2); poison records go to the dead-letter topic. */
@ApplicationScoped
public class MessageConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final Archive archive;

    public MessageConsumer(IncomingEvents incoming, RecordRetries retries, Archive archive) {
        this.incoming = incoming;
        this.retries = retries;
        this.archive = archive;
    }

    @Override
    public String channel() {
        return "messages";
    }

    @Override
    @Incoming("messages")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value).ifPresent(event -> {
            switch (event.data()) {
                case MessagePosted posted -> archive.archive(event.as(posted));
                case MessageRecalled recalled -> archive.recalled(event.as(recalled));
                default -> {
                }
            }
        }));
    }
}
