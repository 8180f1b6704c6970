package io.qunguan.notification.domain.notices;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Makes due delivery attempts: claims a batch (each attempt recorded before its call), calls the channels outside any
 * transaction, records each answer in its own transaction. Any number of instances may run it.
 */
@ApplicationScoped
public class DeliveryRunner {

    private static final Logger LOG = Logger.getLogger(DeliveryRunner.class);
    static final int BATCH = 20;

    private final Deliveries deliveries;
    private final DirectMessages messages;
    private final Mailbox mailbox;
    private final ChatPosts chatPosts;
    private final MeterRegistry registry;

    public DeliveryRunner(Deliveries deliveries, DirectMessages messages, Mailbox mailbox, ChatPosts chatPosts,
            MeterRegistry registry) {
        this.deliveries = deliveries;
        this.messages = messages;
        this.mailbox = mailbox;
        this.chatPosts = chatPosts;
        this.registry = registry;
    }

    @Scheduled(every = "${qunguan.notifications.delivery-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRun() {
        runDue(OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldAttempts() {
        deliveries.forgetAttemptsBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(deliveries.longestWindow()));
    }

    /** Attempts every delivery due at {@code now}, batch after batch; returns how many attempts were made. */
    public int runDue(OffsetDateTime now) {
        int attempted = 0;
        List<Deliveries.Claimed> batch;
        do {
            batch = deliveries.claimDue(now, BATCH);
            for (Deliveries.Claimed claimed : batch) {
                SendResult result = send(claimed);
                deliveries.record(claimed, result, OffsetDateTime.now(ZoneOffset.UTC));
                registry.counter("qunguan.notifications.attempts", "channel", claimed.channel().name(),
                        "outcome", result.status().name()).increment();
                if (result.status() != SendResult.Status.SENT) {
                    LOG.infof("delivery %d over %s: %s %s", claimed.deliveryId(), claimed.channel(), result.status(),
                            result.detail());
                }
                attempted++;
            }
        } while (batch.size() == BATCH);
        return attempted;
    }

    SendResult send(Deliveries.Claimed claimed) {
        return switch (claimed.channel()) {
            case IM -> messages.send(claimed.platform(), claimed.address(), claimed.text().asMessage(), claimed.key());
            case EMAIL -> mailbox.send(claimed.address(), claimed.text().subject(), claimed.text().body());
            case CHAT -> chatPosts.post(claimed.platform(), claimed.address(), claimed.text().asMessage(),
                    claimed.key());
        };
    }
}
