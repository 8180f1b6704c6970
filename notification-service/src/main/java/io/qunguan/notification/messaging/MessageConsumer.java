package io.qunguan.notification.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordBatches;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.MessagePosted;
import io.qunguan.notification.domain.acknowledgements.Acknowledgements;
import io.qunguan.notification.domain.meetings.Meetings;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code im.messages}: group notices and their acknowledgements (BH-6), meeting notices and minutes (MT-1,
 * MT-2); recalls and other types are skipped; poison records go to the dead-letter topic.
 */
@ApplicationScoped
public class MessageConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final RecordBatches batches;
    private final Acknowledgements acknowledgements;
    private final Meetings meetings;

    public MessageConsumer(IncomingEvents incoming, RecordRetries retries, RecordBatches batches,
            Acknowledgements acknowledgements, Meetings meetings) {
        this.incoming = incoming;
        this.retries = retries;
        this.batches = batches;
        this.acknowledgements = acknowledgements;
        this.meetings = meetings;
    }

    @Override
    public String channel() {
        return "messages";
    }

    /** A poll's worth in one transaction ({@link RecordBatches}). */
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
        incoming.read(value, MessagePosted.class).ifPresent(message -> {
            acknowledgements.posted(message);
            meetings.posted(message);
        });
    }
}
