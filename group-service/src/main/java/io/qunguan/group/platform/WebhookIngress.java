package io.qunguan.group.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.qunguan.eventing.EventPublisher.OutgoingRecord;
import io.qunguan.eventing.EventPublisher;
import io.qunguan.events.EventEnvelope;
import io.qunguan.group.domain.WebhookDelivery;
import io.qunguan.platforms.Delivery;
import io.qunguan.platforms.WebhookRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes a verified, normalised webhook delivery in: record its dedupe key, publish its events, and only then
 * report it accepted. The key is inserted in the transaction that waits for Kafka's acknowledgement, so a
 * delivery is either published and recorded, or neither, and the platform retries it. A redelivery, also
 * one arriving concurrently on another thread or replica, finds the key and publishes nothing.
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
    private final MeterRegistry metrics;

    public WebhookIngress(EventPublisher publisher, MeterRegistry metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** @throws WebhookRejectedException 503 when Kafka or the database did not take the delivery */
    public Acceptance accept(Delivery delivery) {
        Acceptance acceptance;
        try {
            acceptance = QuarkusTransaction.requiringNew().call(() -> record(delivery));
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

    private Acceptance record(Delivery delivery) {
        if (!WebhookDelivery.recordFirst(delivery.key(), delivery.platform().id(), delivery.type(),
                delivery.events().size(), delivery.raw())) {
            return new Acceptance(Outcome.DUPLICATE, ids(delivery));
        }
        if (!delivery.recognised()) {
            LOG.infof("%s event type '%s' is not mapped; stored raw", delivery.platform(), delivery.type());
            return new Acceptance(Outcome.STORED_UNRECOGNISED, List.of());
        }
        publisher.publishAll(delivery.events().stream().map(OutgoingRecord::of).toList());
        return new Acceptance(Outcome.PUBLISHED, ids(delivery));
    }

    private static List<UUID> ids(Delivery delivery) {
        return delivery.events().stream().map(EventEnvelope::id).toList();
    }

    private void count(Delivery delivery, String outcome) {
        metrics.counter("qunguan.webhook.deliveries", "platform", delivery.platform().id(), "outcome", outcome)
                .increment();
    }
}
