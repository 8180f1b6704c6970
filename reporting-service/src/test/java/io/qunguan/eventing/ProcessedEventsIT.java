package io.qunguan.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The idempotency ledger against real PostgreSQL: an id is handled once, and forgotten only past its retention. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class ProcessedEventsIT {

    @Inject
    ProcessedEvents processed;
    @Inject
    DataSource dataSource;

    private void handledAgo(String consumer, UUID id, String ago) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, now() - CAST(? AS "
                             + "interval))")) {
            insert.setString(1, consumer);
            insert.setObject(2, id);
            insert.setString(3, ago);
            insert.executeUpdate();
        }
    }

    @Test
    void idsOlderThanTheRetentionAreForgottenAndYoungerOnesStillCollapseARedelivery() throws Exception {
        String consumer = "ledger-test-" + UUID.randomUUID();
        UUID old = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        handledAgo(consumer, old, "31 days");
        handledAgo(consumer, older, "90 days");
        handledAgo(consumer, recent, "29 days");

        assertTrue(processed.purgeOlderThan(Duration.ofDays(30)) >= 2);

        assertFalse(QuarkusTransaction.requiringNew().call(() -> processed.firstTime(consumer, recent)),
                "a redelivery within the retention is still collapsed");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processed.firstTime(consumer, old)),
                "an id past the retention is forgotten");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processed.firstTime(consumer, older)));
        assertEquals(0, processed.purgeOlderThan(Duration.ofDays(30)), "nothing old is left");
    }
}
