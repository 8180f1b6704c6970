package io.qunguan.group.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.group.domain.groups.Memberships;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code im.members}: chats and memberships as the platforms report them (GL-1, GL-4, GL-8, MB-*). Each
 * event is applied once; transient failures are retried, each in a new transaction, and a malformed record goes to
 * {@code group-service.memberships.dlq} with its reason.
 */
@ApplicationScoped
public class MembershipConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final Memberships memberships;

    public MembershipConsumer(IncomingEvents incoming, RecordRetries retries, Memberships memberships) {
        this.incoming = incoming;
        this.retries = retries;
        this.memberships = memberships;
    }

    @Override
    public String channel() {
        return "memberships";
    }

    @Override
    @Incoming("memberships")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value).ifPresent(memberships::apply));
    }
}
