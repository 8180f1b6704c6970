package io.qunguan.group.platform;

import io.qunguan.eventing.EventPublisher;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes a platform webhook in: verify over the raw bytes, normalise, publish, and only then report it
 * accepted. Nothing is acknowledged that Kafka has not acknowledged.
 */
@ApplicationScoped
public class WebhookIngress {

    private static final Logger LOG = Logger.getLogger(WebhookIngress.class);

    private final GenericSignatureVerifier genericVerifier;
    private final GenericPayloadParser genericParser;
    private final EventPublisher publisher;

    public WebhookIngress(GenericSignatureVerifier genericVerifier, GenericPayloadParser genericParser,
            EventPublisher publisher) {
        this.genericVerifier = genericVerifier;
        this.genericParser = genericParser;
        this.publisher = publisher;
    }

    /**
     * Accepts a generic-format webhook and returns the event id it was published under.
     *
     * @throws WebhookRejectedException 401/400 for bad requests, 503 when Kafka did not acknowledge
     */
    public UUID acceptGeneric(String timestamp, String signature, byte[] body) {
        genericVerifier.verify(timestamp, signature, body);
        EventEnvelope<EventPayload> event = genericParser.parse(body);
        try {
            publisher.publish(event);
        } catch (EventPublisher.PublishFailedException e) {
            LOG.warnf("webhook not acknowledged, Kafka unavailable: %s", e.getMessage());
            throw WebhookRejectedException.unavailable();
        }
        return event.id();
    }
}
