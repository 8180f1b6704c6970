package io.qunguan.notification.domain.timers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
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
        OffsetDateTime dueAt = ((java.time.Instant) row[3]).atOffset(java.time.ZoneOffset.UTC);
        handler.fire(kind, (UUID) row[2], dueAt, now);
        entities.createNativeQuery("UPDATE timer SET fired_at = ?1 WHERE id = ?2").setParameter(1, now)
                .setParameter(2, ((Number) row[0]).longValue()).executeUpdate();
        return Optional.of(kind);
    }

    /** Puts the next due timer off by {@link #RETRY_AFTER}: its handler failed, and the others must not wait on it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void postponeNext(OffsetDateTime now) {
        entities.createNativeQuery("""
                        UPDATE timer SET due_at = due_at + make_interval(secs => ?2)
                        WHERE id = (SELECT id FROM timer WHERE fired_at IS NULL AND due_at <= ?1
                                    ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)""")
                .setParameter(1, now).setParameter(2, (double) RETRY_AFTER.toSeconds()).executeUpdate();
    }

    /** Timers not fired yet, for a subject. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long pending(UUID subjectId) {
        return ((Number) entities.createNativeQuery(
                        "SELECT count(*) FROM timer WHERE subject_id = ?1 AND fired_at IS NULL")
                .setParameter(1, subjectId).getSingleResult()).longValue();
    }
}
