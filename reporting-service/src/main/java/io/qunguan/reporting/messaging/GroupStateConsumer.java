package io.qunguan.reporting.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.reporting.domain.replica.Replicas;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the compacted {@code group.state} into the replica of groups (their rosters are not needed here, so roster
 * pages are skipped); poison records go to the dead-letter topic.
 */
@ApplicationScoped
public class GroupStateConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final Replicas replicas;

    public GroupStateConsumer(IncomingEvents incoming, RecordRetries retries, Replicas replicas) {
        this.incoming = incoming;
        this.retries = retries;
        this.replicas = replicas;
    }

    @Override
    public String channel() {
        return "group-state";
    }

    @Override
    @Incoming("group-state")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value).ifPresent(event -> {
            if (event.data() instanceof GroupSnapshot snapshot) {
                replicas.group(event.as(snapshot));
            }
        }));
    }
}
