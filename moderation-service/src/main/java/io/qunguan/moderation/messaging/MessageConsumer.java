package io.qunguan.moderation.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordBatches;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.MessagePosted;
import io.qunguan.moderation.domain.ModerationService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code im.messages}, a poll's worth in one transaction ({@link RecordBatches}). A database or broker
 * outage is waited out ({@link RecordRetries}); a record that still fails after a few tries, or a malformed one at
 * once, goes to {@code moderation-service.messages.dlq} and the partition keeps flowing.
 */
@ApplicationScoped
public class MessageConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final RecordBatches batches;
    private final ModerationService moderation;

    public MessageConsumer(IncomingEvents incoming, RecordRetries retries, RecordBatches batches,
            ModerationService moderation) {
        this.incoming = incoming;
        this.retries = retries;
        this.batches = batches;
        this.moderation = moderation;
    }

    @Override
    public String channel() {
        return "messages";
    }

    @Incoming("messages")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return batches.handleEach(this, batch, this::handle);
    }

    @Override
    public void consume(byte[] value) {
        retries.run(channel(), () -> handle(value));
    }

    private void handle(byte[] value) {
        incoming.read(value, MessagePosted.class).ifPresent(moderation::judge);
    }
}
