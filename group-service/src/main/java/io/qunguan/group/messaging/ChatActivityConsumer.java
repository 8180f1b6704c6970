package io.qunguan.group.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.MessagePosted;
import io.qunguan.group.domain.groups.Memberships;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code im.messages} only to learn which chats are in use, for the periodic review's inactivity check (GL-9).
 * Applying a message twice changes nothing, so no ledger is kept.
 */
@ApplicationScoped
public class ChatActivityConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final Memberships memberships;

    public ChatActivityConsumer(IncomingEvents incoming, RecordRetries retries, Memberships memberships) {
        this.incoming = incoming;
        this.retries = retries;
        this.memberships = memberships;
    }

    @Override
    public String channel() {
        return "activity";
    }

    @Override
    @Incoming("activity")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value, MessagePosted.class)
                .ifPresent(event -> memberships.messageSeen(event.subject(), event.data().sentAt() == null
                        ? OffsetDateTime.now(ZoneOffset.UTC) : event.data().sentAt())));
    }
}
