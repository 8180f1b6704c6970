package io.qunguan.notification.domain.timers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Work due at a time (acknowledgement reminders and deadlines, meeting reminders, minutes), as rows: set in the
 * transaction that decides it, claimed with {@code FOR UPDATE SKIP LOCKED} and fired in the claiming transaction, so
 * any number of instances fire each once and a restart loses none.
 */
@ApplicationScoped
public class Timers {

    /** How long a timer whose handler failed waits before it is tried again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private final EntityManager entities;
    private final Map<String, TimerHandler> handlers = new HashMap<>();

    public Timers(EntityManager entities, Instance<TimerHandler> handlers) {
        this.entities = entities;
        handlers.forEach(handler -> handler.kinds().forEach(kind -> this.handlers.put(kind, handler)));
    }

    /** Sets a timer; setting the same one again changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void set(String kind, UUID subjectId, OffsetDateTime dueAt) {
        entities.createNativeQuery("""
                        INSERT INTO timer (kind, subject_id, due_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (kind, subject_id, due_at) DO NOTHING""")
                .setParameter(1, kind).setParameter(2, subjectId).setParameter(3, dueAt).executeUpdate();
    }

    /**
     * Claims one timer due at {@code now} and fires it in this transaction; empty when none is due (or every due one
     * is being fired by another instance).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<String> fireNext(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT id, kind, subject_id, due_at FROM timer WHERE fired_at IS NULL AND due_at <= ?1
                        ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, now).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        String kind = (String) row[1];
        TimerHandler handler = handlers.get(kind);
        if (handler == null) {
            throw new IllegalStateException("no handler for timers of kind " + kind);
        }
        long id = ((Number) row[0]).longValue();
        OffsetDateTime dueAt = ((Instant) row[3]).atOffset(ZoneOffset.UTC);
        try {
            handler.fire(kind, (UUID) row[2], dueAt, now);
        } catch (RuntimeException e) {
            // the claim rolls back with the handler's work; the runner puts this very timer off
            throw new FailedException(id, e);
        }
        entities.createNativeQuery("UPDATE timer SET fired_at = ?1 WHERE id = ?2").setParameter(1, now)
                .setParameter(2, id).executeUpdate();
        return Optional.of(kind);
    }

    /** Puts a timer whose handler failed off by {@link #RETRY_AFTER}, so the others do not wait on it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void postpone(long timerId) {
        entities.createNativeQuery("UPDATE timer SET due_at = due_at + make_interval(secs => ?2) WHERE id = ?1")
                .setParameter(1, timerId).setParameter(2, (double) RETRY_AFTER.toSeconds()).executeUpdate();
    }

    /** A timer's handler failed. */
    public static class FailedException extends RuntimeException {

        private final long timerId;

        FailedException(long timerId, RuntimeException cause) {
            super("timer " + timerId + " failed: " + cause.getMessage(), cause);
            this.timerId = timerId;
        }

        public long timerId() {
            return timerId;
        }
    }
}
