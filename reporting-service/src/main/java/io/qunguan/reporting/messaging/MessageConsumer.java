package io.qunguan.reporting.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordBatches;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.MessageRecalled;
import io.qunguan.reporting.domain.archive.Archive;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code im.messages} into the archive (IS-2); poison records go to the dead-letter topic. */
@ApplicationScoped
public class MessageConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final RecordBatches batches;
    private final Archive archive;

    public MessageConsumer(IncomingEvents incoming, RecordRetries retries, RecordBatches batches, Archive archive) {
        this.incoming = incoming;
        this.retries = retries;
        this.batches = batches;
        this.archive = archive;
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
        incoming.read(value).ifPresent(event -> {
            switch (event.data()) {
                case MessagePosted posted -> archive.archive(event.as(posted));
                case MessageRecalled recalled -> archive.recalled(event.as(recalled));
                default -> {
                }
            }
        });
    }
}
