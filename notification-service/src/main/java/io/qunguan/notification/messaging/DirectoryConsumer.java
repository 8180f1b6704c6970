package io.qunguan.notification.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.notification.domain.directory.DirectoryReplica;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code directory.events} into the replica of the directory; poison records go to the dead-letter topic. */
@ApplicationScoped
public class DirectoryConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final DirectoryReplica directory;

    public DirectoryConsumer(IncomingEvents incoming, RecordRetries retries, DirectoryReplica directory) {
        this.incoming = incoming;
        this.retries = retries;
        this.directory = directory;
    }

    @Override
    public String channel() {
        return "directory";
    }

    @Override
    @Incoming("directory")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value).ifPresent(directory::apply));
    }
}
