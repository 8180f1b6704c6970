package io.qunguan.notification.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.ReportPublished;
import io.qunguan.notification.domain.notices.Notices;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code reporting.events}: each report reaches its department head or HR (SV-1); poison is dead-lettered. */
@ApplicationScoped
public class ReportConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final Notices notices;

    public ReportConsumer(IncomingEvents incoming, RecordRetries retries, Notices notices) {
        this.incoming = incoming;
        this.retries = retries;
        this.notices = notices;
    }

    @Override
    public String channel() {
        return "reports";
    }

    @Override
    @Incoming("reports")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value).ifPresent(event -> {
            if (event.data() instanceof ReportPublished report) {
                notices.reportPublished(event.as(report));
            }
        }));
    }
}
