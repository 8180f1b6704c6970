package io.qunguan.notification.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.notification.domain.groups.GroupReplica;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes the compacted {@code group.state} into the replica of groups; poison records go to the dead-letter topic. */
@ApplicationScoped
public class GroupStateConsumer {

    private final IncomingEvents incoming;
    private final GroupReplica groups;

    public GroupStateConsumer(IncomingEvents incoming, GroupReplica groups) {
        this.incoming = incoming;
        this.groups = groups;
    }

    @Incoming("group-state")
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = EventJson.MalformedEventException.class)
    public void consume(byte[] value) {
        incoming.read(value, GroupSnapshot.class).ifPresent(groups::apply);
    }
}
