package io.qunguan.group.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.group.domain.WebhookDelivery;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Old delivery keys are purged in batches; recent ones, which still stop redeliveries, stay. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class WebhookDeliveryRetentionIT {

    @Inject
    WebhookDeliveryRetention retention;

    @Test
    void deliveriesOlderThanTheRetentionArePurgedAndRecentOnesKept() {
        String run = UUID.randomUUID().toString();
        int old = WebhookDeliveryRetention.BATCH + 5;
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < old; i++) {
                WebhookDelivery.recordFirst("test:" + run + ":old:" + i, "test", "message", 1, null);
            }
            WebhookDelivery.recordFirst("test:" + run + ":recent", "test", "message", 1, null);
            WebhookDelivery.getEntityManager().createNativeQuery("UPDATE webhook_delivery SET received_at = now() - "
                    + "interval '31 days' WHERE delivery_key LIKE :old").setParameter("old", "test:" + run + ":old:%")
                    .executeUpdate();
        });

        int purged = retention.purge();

        assertTrue(purged >= old, "purged " + purged + " of " + old + " old deliveries, over more than one batch");
        long left = QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.count("key like ?1", "test:" + run + "%"));
        assertEquals(1, left, "the recent key stays and keeps stopping redeliveries");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> !WebhookDelivery.recordFirst("test:" + run + ":recent",
                "test", "message", 1, null)));
    }
}
