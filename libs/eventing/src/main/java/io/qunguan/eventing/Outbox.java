package io.qunguan.eventing;

import io.qunguan.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The transactional outbox: an event is stored in the same database transaction as the change it reports,
 * and the {@link OutboxRelay} publishes it after commit. Never save-then-send.
 */
@ApplicationScoped
public class Outbox {

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(DataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Adds an event to the current transaction; it is published only if the transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(EventEnvelope<?> envelope) {
        EventPublisher.OutgoingRecord record = EventPublisher.OutgoingRecord.of(envelope);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO outbox_event (event_id, topic, event_key, event_type, payload, trace_parent)
                     VALUES (?::uuid, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, record.eventId());
            insert.setString(2, record.topic());
            insert.setString(3, record.key());
            insert.setString(4, record.eventType());
            insert.setBytes(5, record.payload());
            insert.setString(6, record.traceParent());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox insert failed", e);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
