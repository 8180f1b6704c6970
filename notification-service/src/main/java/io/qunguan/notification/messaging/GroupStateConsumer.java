package io.qunguan.notification.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.GroupRosterPage;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.notification.domain.groups.GroupReplica;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes the compacted {@code group.state} into the replica of groups; poison records go to the dead-letter topic. */
@ApplicationScoped
public class GroupStateConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final GroupReplica groups;

    public GroupStateConsumer(IncomingEvents incoming, RecordRetries retries, GroupReplica groups) {
        this.incoming = incoming;
        this.retries = retries;
        this.groups = groups;
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
            switch (event.data()) {
                case GroupSnapshot snapshot -> groups.apply(event.as(snapshot));
                case GroupRosterPage page -> groups.stage(event.as(page));
                default -> {
                }
            }
        }));
    }
}
