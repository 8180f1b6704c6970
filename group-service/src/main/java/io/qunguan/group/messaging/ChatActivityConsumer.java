package io.qunguan.group.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.events.MessagePosted;
import io.qunguan.group.domain.groups.Memberships;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code im.messages} only to learn which chats are in use, for the periodic review's inactivity check (GL-9).
 * Applying a message twice changes nothing, so no ledger is kept.
 */
@ApplicationScoped
public class ChatActivityConsumer {

    private final IncomingEvents incoming;
    private final Memberships memberships;

    public ChatActivityConsumer(IncomingEvents incoming, Memberships memberships) {
        this.incoming = incoming;
        this.memberships = memberships;
    }

    @Incoming("activity")
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = EventJson.MalformedEventException.class)
    public void consume(byte[] value) {
        incoming.read(value, MessagePosted.class).ifPresent(event -> memberships.messageSeen(event.subject(),
                event.data().sentAt() == null ? OffsetDateTime.now(ZoneOffset.UTC) : event.data().sentAt()));
    }
}
