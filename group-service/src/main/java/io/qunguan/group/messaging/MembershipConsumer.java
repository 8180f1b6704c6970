package io.qunguan.group.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.group.domain.groups.Memberships;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code im.members}: chats and memberships as the platforms report them (GL-1, GL-4, GL-8, MB-*). Each
 * event is applied once; transient failures are retried, each in a new transaction, and a malformed record goes to
 * {@code im.members.dlq} with its reason.
 */
@ApplicationScoped
public class MembershipConsumer {

    private final IncomingEvents incoming;
    private final Memberships memberships;

    public MembershipConsumer(IncomingEvents incoming, Memberships memberships) {
        this.incoming = incoming;
        this.memberships = memberships;
    }

    @Incoming("memberships")
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = EventJson.MalformedEventException.class)
    public void consume(byte[] value) {
        incoming.read(value).ifPresent(memberships::apply);
    }
}
