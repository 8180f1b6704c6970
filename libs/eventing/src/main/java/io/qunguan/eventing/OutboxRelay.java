package io.qunguan.eventing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in commit order. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so any number
 * of replicas relay without sending a row twice in the normal case, and deleted only after the broker
 * acknowledged them; a crash between send and delete re-sends, which consumers absorb by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final EventPublisher publisher;
    private final EventingConfig config;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter relayed;
    private final Counter failures;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(DataSource dataSource, EventPublisher publisher, EventingConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.config = config;
        this.relayed = registry.counter("qunguan.outbox.relayed");
        this.failures = registry.counter("qunguan.outbox.failures");
    }

    void start(@Observes StartupEvent event) {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(5000);
        }
    }

    /** Asks the relay to look for rows now (called after a transaction with outbox rows committed). */
    public void wakeUp() {
        wakeUps.release();
    }

    private void loop() {
        long backoffMs = 0;
        while (running) {
            try {
                if (backoffMs > 0) {
                    Thread.sleep(backoffMs);
                } else {
                    wakeUps.tryAcquire(config.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeUps.drainPermits();
                int sent;
                do {
                    sent = relayBatch();
                } while (sent == config.relayBatchSize() && running);
                backoffMs = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                backoffMs = Math.min(10_000, Math.max(500, backoffMs * 2));
                LOG.warnf("outbox relay failed, retrying in %d ms: %s", backoffMs, e.getMessage());
            }
        }
    }

    /** Sends one batch in one transaction; returns how many rows were sent. */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Long> sequences = new ArrayList<>();
            List<EventPublisher.OutgoingRecord> records = new ArrayList<>();
            try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement select = connection.prepareStatement("""
                        SELECT seq, event_id, topic, event_key, event_type, payload FROM outbox_event
                        ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                    select.setInt(1, config.relayBatchSize());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            sequences.add(rows.getLong(1));
                            records.add(new EventPublisher.OutgoingRecord(rows.getString(3), rows.getString(4),
                                    rows.getString(2), rows.getString(5), rows.getBytes(6)));
                        }
                    }
                }
                if (records.isEmpty()) {
                    return 0;
                }
                publisher.publishAll(records);
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM outbox_event WHERE seq = ANY (?)")) {
                    delete.setArray(1, connection.createArrayOf("bigint", sequences.toArray()));
                    delete.executeUpdate();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("outbox relay: " + e.getMessage(), e);
            }
            relayed.increment(records.size());
            return records.size();
        });
    }
}
