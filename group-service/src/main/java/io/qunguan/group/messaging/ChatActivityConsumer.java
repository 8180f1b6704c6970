package io.qunguan.group.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordBatches;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.MessagePosted;
import io.qunguan.group.domain.groups.Memberships;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code im.messages} only to learn which chats are in use, for the periodic review's inactivity check (GL-9).
 * A poll's worth is one transaction ({@link RecordBatches}) with one write per chat, at its latest message: a busy
 * chat costs no write per message. Applying a message twice changes nothing, so no ledger is kept.
 */
@ApplicationScoped
public class ChatActivityConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final RecordBatches batches;
    private final Memberships memberships;

    public ChatActivityConsumer(IncomingEvents incoming, RecordRetries retries, RecordBatches batches,
            Memberships memberships) {
        this.incoming = incoming;
        this.retries = retries;
        this.batches = batches;
        this.memberships = memberships;
    }

    @Override
    public String channel() {
        return "activity";
    }

    @Incoming("activity")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return batches.handle(this, batch, values -> {
            Map<String, OffsetDateTime> latest = new HashMap<>();
            for (byte[] value : values) {
                incoming.read(value, MessagePosted.class).ifPresent(event ->
                        latest.merge(event.subject(), sentAt(event), (a, b) -> a.isAfter(b) ? a : b));
            }
            latest.forEach(memberships::messageSeen);
        });
    }

    @Override
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value, MessagePosted.class)
                .ifPresent(event -> memberships.messageSeen(event.subject(), sentAt(event))));
    }

    private static OffsetDateTime sentAt(EventEnvelope<MessagePosted> event) {
        return event.data().sentAt() == null ? OffsetDateTime.now(ZoneOffset.UTC) : event.data().sentAt();
    }
}
