package io.qunguan.group.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.qunguan.group.domain.WebhookDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets webhook deliveries older than the retention: their keys only matter while a platform may still
 * redeliver (Slack within minutes, Feishu within hours, a DingTalk push re-sent by hand from its seven-day
 * failure list), and unrecognised bodies, which may hold personal data, are kept for operators no longer.
 */
@ApplicationScoped
public class WebhookDeliveryRetention {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveryRetention.class);
    static final int BATCH = 1000;

    private final Duration retention;

    public WebhookDeliveryRetention(@ConfigProperty(name = "qunguan.webhooks.retention", defaultValue = "30d")
            Duration retention) {
        this.retention = retention;
    }

    @Scheduled(every = "${qunguan.webhooks.purge-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purge();
    }

    /** Deletes in batches, one transaction each, so the purge never holds a long lock on the ledger. */
    public int purge() {
        Instant cutoff = Instant.now().minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.purgeReceivedBefore(cutoff, BATCH));
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.infof("purged %d webhook deliveries received before %s", total, cutoff);
        }
        return total;
    }
}
