package io.qunguan.group.messaging;

import io.qunguan.eventing.IncomingEvents;
import io.qunguan.events.EventJson;
import io.qunguan.events.ViolationOpened;
import io.qunguan.group.domain.groups.PlatformActions;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code moderation.violations}: each sanction that needs the platform (SV-2) is planned as an admin action,
 * once per violation, and run by the platform-action runner, so a slow platform never holds up the partition. A
 * malformed record goes to {@code moderation.violations.dlq} with its reason.
 */
@ApplicationScoped
public class SanctionConsumer {

    private final IncomingEvents incoming;
    private final PlatformActions actions;

    public SanctionConsumer(IncomingEvents incoming, PlatformActions actions) {
        this.incoming = incoming;
        this.actions = actions;
    }

    @Incoming("sanctions")
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = EventJson.MalformedEventException.class)
    public void consume(byte[] value) {
        incoming.read(value, ViolationOpened.class)
                .ifPresent(event -> actions.sanction(event.data(), OffsetDateTime.now(ZoneOffset.UTC)));
    }
}
