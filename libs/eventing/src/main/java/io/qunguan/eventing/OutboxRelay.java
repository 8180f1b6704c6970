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
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in the order they were written. One relay of the service's replicas sends at a time, so
 * every aggregate's events keep their order with any number of replicas; rows are deleted only after the broker
 * acknowledged them, and a crash between send and delete re-sends, which consumers absorb by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The advisory lock only one relay of a service's database holds at a time. */
    static final long RELAY_LOCK = 0x7167_6f75_7462_6f78L;

    private final DataSource dataSource;
    private final EventPublisher publisher;
    private final EventingConfig config;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter relayed;
    private final Counter failures;
    private final Counter parked;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(DataSource dataSource, EventPublisher publisher, EventingConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.config = config;
        this.relayed = registry.counter("qunguan.outbox.relayed");
        this.failures = registry.counter("qunguan.outbox.failures");
        this.parked = registry.counter("qunguan.outbox.parked");
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

    /**
     * Sends one batch in one transaction; returns how many rows were taken off the outbox. Only one relay of the
     * service's replicas sends at a time (a transaction-scoped advisory lock), so each aggregate's events reach
     * Kafka in the order they were written; the others find the lock taken and send nothing. A row the broker
     * refuses for good is moved to {@code outbox_parked} with the reason, so the rows behind it still go.
     */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Long> sequences = new ArrayList<>();
            List<EventPublisher.OutgoingRecord> records = new ArrayList<>();
            try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                    lock.setLong(1, RELAY_LOCK);
                    try (ResultSet taken = lock.executeQuery()) {
                        if (!taken.next() || !taken.getBoolean(1)) {
                            return 0;
                        }
                    }
                }
                try (PreparedStatement select = connection.prepareStatement("""
                        SELECT seq, event_id, topic, event_key, event_type, payload, trace_parent FROM outbox_event
                        ORDER BY seq LIMIT ?""")) {
                    select.setInt(1, config.relayBatchSize());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            sequences.add(rows.getLong(1));
                            records.add(new EventPublisher.OutgoingRecord(rows.getString(3), rows.getString(4),
                                    rows.getString(2), rows.getString(5), rows.getBytes(6), rows.getString(7)));
                        }
                    }
                }
                if (records.isEmpty()) {
                    return 0;
                }
                List<Optional<RuntimeException>> refused = publisher.sendAll(records);
                for (int i = 0; i < refused.size(); i++) {
                    if (refused.get(i).isPresent()) {
                        park(connection, sequences.get(i), refused.get(i).get());
                    }
                }
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

    private void park(Connection connection, long sequence, RuntimeException refusal) throws SQLException {
        try (PreparedStatement park = connection.prepareStatement("""
                INSERT INTO outbox_parked (seq, event_id, topic, event_key, event_type, payload, created_at, reason,
                                           trace_parent)
                SELECT seq, event_id, topic, event_key, event_type, payload, created_at, ?, trace_parent FROM outbox_event
                WHERE seq = ? ON CONFLICT DO NOTHING""")) {
            park.setString(1, refusal.getClass().getSimpleName() + ": " + refusal.getMessage());
            park.setLong(2, sequence);
            park.executeUpdate();
        }
        parked.increment();
        LOG.errorf("outbox row %d refused by the broker for good and parked in outbox_parked: %s", sequence,
                refusal.getMessage());
    }
}
