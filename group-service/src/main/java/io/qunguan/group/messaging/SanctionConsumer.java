package io.qunguan.group.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.ViolationOpened;
import io.qunguan.group.domain.groups.PlatformActions;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code moderation.violations}: each sanction that needs the platform (SV-2) is planned as an admin action,
 * once per violation, and run by the platform-action runner, so a slow platform never holds up the partition. A
 * malformed record goes to {@code group-service.sanctions.dlq} with its reason.
 */
@ApplicationScoped
public class SanctionConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final PlatformActions actions;

    public SanctionConsumer(IncomingEvents incoming, RecordRetries retries, PlatformActions actions) {
        this.incoming = incoming;
        this.retries = retries;
        this.actions = actions;
    }

    @Override
    public String channel() {
        return "sanctions";
    }

    @Override
    @Incoming("sanctions")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value).ifPresent(event -> {
            switch (event.data()) {
                case ViolationOpened opened -> actions.sanction(opened, OffsetDateTime.now(ZoneOffset.UTC));
                case AppealDecided decided -> actions.reverse(decided, OffsetDateTime.now(ZoneOffset.UTC));
                default -> {
                }
            }
        }));
    }
}
