package io.qunguan.notification.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.notification.domain.directory.DirectoryReplica;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code directory.events} into the replica of the directory; poison records go to the dead-letter topic. */
@ApplicationScoped
public class DirectoryConsumer {

    private final IncomingEvents incoming;
    private final DirectoryReplica directory;

    public DirectoryConsumer(IncomingEvents incoming, DirectoryReplica directory) {
        this.incoming = incoming;
        this.directory = directory;
    }

    @Incoming("directory")
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = EventJson.MalformedEventException.class)
    public void consume(byte[] value) {
        incoming.read(value).ifPresent(directory::apply);
    }
}
