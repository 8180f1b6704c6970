package io.qunguan.reporting.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.reporting.domain.replica.Replicas;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code directory.events} into the replica of people and departments; poison records are dead-lettered. */
@ApplicationScoped
public class DirectoryConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final Replicas replicas;

    public DirectoryConsumer(IncomingEvents incoming, RecordRetries retries, Replicas replicas) {
        this.incoming = incoming;
        this.retries = retries;
        this.replicas = replicas;
    }

    @Override
    public String channel() {
        return "directory";
    }

    @Override
    @Incoming("directory")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value).ifPresent(replicas::directory));
    }
}
