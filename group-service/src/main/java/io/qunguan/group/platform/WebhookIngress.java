package io.qunguan.group.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.qunguan.eventing.EventPublisher.OutgoingRecord;
import io.qunguan.eventing.EventPublisher;
import io.qunguan.eventing.EventingConfig;
import io.qunguan.events.EventEnvelope;
import io.qunguan.group.domain.WebhookDelivery;
import io.qunguan.platforms.Delivery;
import io.qunguan.platforms.WebhookRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes a verified, normalised webhook delivery in: claim its dedupe key, publish its events, mark it published,
 * and only then report it accepted. Each step is its own short transaction: Kafka is waited for with no database
 * transaction open, so a slow broker holds no connection of the pool. A redelivery of a published delivery
 * publishes nothing; one arriving while the first is in flight (another thread or replica) waits for it and is
 * answered as it is. If Kafka or the database does not take the delivery, the claim is released and the platform
 * is answered 503 and retries it: nothing is acknowledged and then lost. A claim left by a crashed instance is
 * taken over once it is older than any publish could take.
 */
@ApplicationScoped
public class WebhookIngress {

    private static final Logger LOG = Logger.getLogger(WebhookIngress.class);

    /** What became of a delivery. */
    public enum Outcome {
        PUBLISHED, DUPLICATE, STORED_UNRECOGNISED
    }

    /** The outcome and the ids of the delivery's events (the same ids on every redelivery). */
    public record Acceptance(Outcome outcome, List<UUID> eventIds) {
    }

    private final EventPublisher publisher;
    private final EventingConfig config;
    private final MeterRegistry metrics;

    public WebhookIngress(EventPublisher publisher, EventingConfig config, MeterRegistry metrics) {
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
    }

    /** @throws WebhookRejectedException 503 when Kafka or the database did not take the delivery */
    public Acceptance accept(Delivery delivery) {
        Acceptance acceptance;
        try {
            acceptance = take(delivery);
        } catch (EventPublisher.PublishFailedException e) {
            LOG.warnf("%s delivery not acknowledged, Kafka unavailable: %s", delivery.platform(), e.getMessage());
            count(delivery, "unavailable");
            throw WebhookRejectedException.unavailable();
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s delivery not acknowledged, database unavailable", delivery.platform());
            count(delivery, "unavailable");
            throw WebhookRejectedException.unavailable();
        }
        count(delivery, acceptance.outcome().name().toLowerCase(Locale.ROOT));
        return acceptance;
    }

    private Acceptance take(Delivery delivery) {
        if (!delivery.recognised()) {
            boolean first = QuarkusTransaction.requiringNew().call(() -> record(delivery));
            if (first) {
                LOG.infof("%s event type '%s' is not mapped; stored raw", delivery.platform(), delivery.type());
                return new Acceptance(Outcome.STORED_UNRECOGNISED, List.of());
            }
            return new Acceptance(Outcome.DUPLICATE, List.of());
        }
        Duration longestPublish = config.sendTimeout().multipliedBy(2);
        long deadline = System.nanoTime() + longestPublish.toNanos();
        while (true) {
            WebhookDelivery.Claim claim = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.claim(
                    delivery.key(), delivery.platform().id(), delivery.type(), delivery.events().size(),
                    longestPublish));
            switch (claim) {
                case DONE -> {
                    return new Acceptance(Outcome.DUPLICATE, ids(delivery));
                }
                case TAKEN -> {
                    try {
                        publisher.publishAll(delivery.events().stream().map(OutgoingRecord::of).toList());
                    } catch (RuntimeException e) {
                        QuarkusTransaction.requiringNew().run(() -> WebhookDelivery.release(delivery.key()));
                        throw e;
                    }
                    QuarkusTransaction.requiringNew().run(() -> WebhookDelivery.published(delivery.key()));
                    return new Acceptance(Outcome.PUBLISHED, ids(delivery));
                }
                case IN_FLIGHT -> {
                    if (System.nanoTime() > deadline) {
                        throw new EventPublisher.PublishFailedException("the first delivery of " + delivery.key()
                                + " is still being published", null);
                    }
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublisher.PublishFailedException("interrupted", e);
        }
    }

    private static boolean record(Delivery delivery) {
        return WebhookDelivery.recordFirst(delivery.key(), delivery.platform().id(), delivery.type(),
                delivery.events().size(), delivery.raw());
    }

    private static List<UUID> ids(Delivery delivery) {
        return delivery.events().stream().map(EventEnvelope::id).toList();
    }

    private void count(Delivery delivery, String outcome) {
        metrics.counter("qunguan.webhook.deliveries", "platform", delivery.platform().id(), "outcome", outcome)
                .increment();
    }
}
