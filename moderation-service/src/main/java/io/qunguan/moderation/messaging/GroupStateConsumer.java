package io.qunguan.moderation.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.moderation.domain.policy.GroupPolicies;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the compacted {@code group.state} into the policy replica each message is judged by. A snapshot whose
 * policy cannot be applied goes to {@code group.state.dlq} with its reason, and the group keeps its previous policy.
 */
@ApplicationScoped
public class GroupStateConsumer {

    private final IncomingEvents incoming;
    private final GroupPolicies policies;

    public GroupStateConsumer(IncomingEvents incoming, GroupPolicies policies) {
        this.incoming = incoming;
        this.policies = policies;
    }

    @Incoming("group-state")
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = EventJson.MalformedEventException.class)
    public void consume(byte[] value) {
        incoming.read(value, GroupSnapshot.class).ifPresent(policies::apply);
    }
}
