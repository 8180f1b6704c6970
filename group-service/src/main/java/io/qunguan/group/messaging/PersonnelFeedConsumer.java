package io.qunguan.group.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.events.PersonnelChanged;
import io.qunguan.group.domain.directory.Directory;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the HR system's {@code hr.employees} (MB-5). Transient failures are retried, each in a new
 * transaction; a malformed record or a change the directory refuses (an unknown person or department) goes to
 * {@code hr.employees.dlq} at once with its reason, and the partition keeps flowing.
 */
@ApplicationScoped
public class PersonnelFeedConsumer {

    private final IncomingEvents incoming;
    private final Directory directory;

    public PersonnelFeedConsumer(IncomingEvents incoming, Directory directory) {
        this.incoming = incoming;
        this.directory = directory;
    }

    @Incoming("personnel")
    @Blocking
    @Retry(maxRetries = 3, delay = 200,
            abortOn = {EventJson.MalformedEventException.class, Directory.RejectedChangeException.class})
    public void consume(byte[] value) {
        incoming.read(value, PersonnelChanged.class).ifPresent(directory::applyFromFeed);
    }
}
