package io.qunguan.eventing;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The idempotent-consumer ledger: a consumer records each event id it handles in the same transaction as
 * the effects, so a redelivered or duplicated event is a no-op.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);
    static final int PURGE_BATCH = 5_000;

    private final DataSource dataSource;
    private final EventingConfig config;
    private volatile boolean running;

    public ProcessedEvents(DataSource dataSource, EventingConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (config.processedPurgeInterval().isZero()) {
            return;
        }
        running = true;
        Thread.ofPlatform().daemon().name("processed-event-purge").start(() -> {
            while (running) {
                try {
                    Thread.sleep(config.processedPurgeInterval().toMillis());
                    int purged = purgeOlderThan(config.processedRetention());
                    if (purged > 0) {
                        LOG.infof("purged %d processed-event ids older than %s", purged, config.processedRetention());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.debugf("cannot purge the processed-event ledger now: %s", e.getMessage());
                }
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    /**
     * Forgets the ids handled longer ago than {@code retention}, in batches so no lock is held long; returns how
     * many went. The retention must outlast every way an event can come again: the topics' retention, a consumer
     * group reset, a replay from a dead-letter topic.
     */
    public int purgeOlderThan(Duration retention) {
        int total = 0;
        int purged;
        do {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement delete = connection.prepareStatement("""
                         DELETE FROM processed_event WHERE ctid IN (SELECT ctid FROM processed_event
                         WHERE processed_at < now() - make_interval(secs => ?) LIMIT ?)""")) {
                delete.setDouble(1, retention.toSeconds());
                delete.setInt(2, PURGE_BATCH);
                purged = delete.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("processed-event ledger: " + e.getMessage(), e);
            }
            total += purged;
        } while (purged == PURGE_BATCH);
        return total;
    }

    /**
     * Records that {@code consumer} handles {@code eventId}; false when it already did (the caller then does
     * nothing). Atomic under concurrency: two deliveries racing cannot both see true.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(String consumer, UUID eventId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("processed-event ledger: " + e.getMessage(), e);
        }
    }
}
