package io.qunguan.group.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.PersonnelChanged;
import io.qunguan.group.domain.directory.Directory;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the HR system's {@code hr.employees} (MB-5). Transient failures are retried, each in a new
 * transaction; a malformed record or a change the directory refuses (an unknown person or department) goes to
 * {@code group-service.personnel.dlq} at once with its reason, and the partition keeps flowing.
 */
@ApplicationScoped
public class PersonnelFeedConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final Directory directory;

    public PersonnelFeedConsumer(IncomingEvents incoming, RecordRetries retries, Directory directory) {
        this.incoming = incoming;
        this.retries = retries;
        this.directory = directory;
    }

    @Override
    public String channel() {
        return "personnel";
    }

    @Override
    @Incoming("personnel")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value, PersonnelChanged.class)
                .ifPresent(directory::applyFromFeed), Directory.RejectedChangeException.class);
    }
}
