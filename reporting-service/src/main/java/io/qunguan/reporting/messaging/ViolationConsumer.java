package io.qunguan.reporting.messaging;

import io.qunguan.eventing.ChannelConsumer;
import io.qunguan.eventing.IncomingEvents;
import io.qunguan.eventing.RecordRetries;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.AppealFiled;
import io.qunguan.events.DeadlineOpened;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.events.ViolationOpened;
import io.qunguan.reporting.domain.Responsiveness;
import io.qunguan.reporting.domain.ViolationReports;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code moderation.violations} into the read models (violations, their reversals, response times); poison
 * records go to the dead-letter topic.
 */
@ApplicationScoped
public class ViolationConsumer implements ChannelConsumer {

    private final IncomingEvents incoming;
    private final RecordRetries retries;
    private final ViolationReports reports;
    private final Responsiveness responsiveness;

    public ViolationConsumer(IncomingEvents incoming, RecordRetries retries, ViolationReports reports,
            Responsiveness responsiveness) {
        this.incoming = incoming;
        this.retries = retries;
        this.reports = reports;
        this.responsiveness = responsiveness;
    }

    @Override
    public String channel() {
        return "violations";
    }

    @Override
    @Incoming("violations")
    @Blocking
    public void consume(byte[] value) {
        retries.run(channel(), () -> incoming.read(value).ifPresent(event -> {
            switch (event.data()) {
                case ViolationOpened opened -> reports.project(event.as(opened));
                case AppealDecided decided -> reports.appealDecided(event.as(decided));
                case ResponseMeasured measured -> responsiveness.record(event.as(measured));
                case DeadlineOpened opened -> responsiveness.opened(event.as(opened));
                case AppealFiled filed -> reports.appealFiled(event.as(filed));
                default -> {
                }
            }
        }));
    }
}
