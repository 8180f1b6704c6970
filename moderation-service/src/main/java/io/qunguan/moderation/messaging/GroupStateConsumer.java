package io.qunguan.moderation.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.GroupRosterPage;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.moderation.domain.policy.GroupPolicies;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the compacted {@code group.state} into the policy replica each message is judged by. A snapshot whose
 * policy cannot be applied goes to {@code moderation-service.group-state.dlq} with its reason, and the group keeps its previous policy.
 */
@ApplicationScoped
public class GroupStateConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final GroupPolicies policies;

    public GroupStateConsumer(IncomingEvents incoming, RecordRetries retries, GroupPolicies policies) {
        this.incoming = incoming;
        this.retries = retries;
        this.policies = policies;
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
                case GroupSnapshot snapshot -> policies.apply(event.as(snapshot));
                case GroupRosterPage page -> policies.stage(event.as(page));
                default -> {
                }
            }
        }));
    }
}
