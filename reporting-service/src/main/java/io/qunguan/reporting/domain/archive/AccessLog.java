package io.qunguan.reporting.domain.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The archive's access log (IS-2, SV-5): every search and read of message text, every legal hold, supervision
 * decision and purge, written in the transaction of what it records, so what cannot be logged does not happen. The
 * table refuses updates and deletes; auditors read it.
 */
@ApplicationScoped
public class AccessLog {

    /** Subjects kept per entry; a larger answer records its size and its first ones. */
    static final int MAX_SUBJECTS = 200;

    /** Who is acting: their id, roles, and why (a supervision grant's reason and id, where one applies). */
    public record Actor(String id, Collection<String> roles, String reason, UUID grantId) {

        public Actor(String id, Collection<String> roles) {
            this(id, roles, null, null);
        }
    }

    /** One entry. */
    public record Entry(long id, OffsetDateTime at, String actor, List<String> roles, String action, String request,
            String reason, UUID grantId, int returned, List<String> subjects) {
    }

    private final EntityManager entities;

    public AccessLog(EntityManager entities) {
        this.entities = entities;
    }

    /** Logs {@code action} by {@code actor}, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, String action, String request, List<String> subjects) {
        entities.createNativeQuery("""
                        INSERT INTO archive_access (actor, roles, action, request, reason, grant_id, returned, subjects)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, actor.id()).setParameter(2, String.join(",", actor.roles().stream().sorted()
                        .toList()))
                .setParameter(3, action).setParameter(4, request).setParameter(5, actor.reason())
                .setParameter(6, actor.grantId()).setParameter(7, subjects.size())
                .setParameter(8, String.join(",", subjects.subList(0, Math.min(subjects.size(), MAX_SUBJECTS))))
                .executeUpdate();
    }

    /** The entries of a period, newest first; of one actor if given. */
    @Transactional
    public List<Entry> list(OffsetDateTime from, OffsetDateTime to, String actor, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT id, at, actor, roles, action, request, reason, grant_id, returned, subjects
                        FROM archive_access WHERE at >= ?1 AND at < ?2 AND (CAST(?3 AS text) IS NULL OR actor = ?3)
                        ORDER BY at DESC, id DESC LIMIT ?4""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, actor).setParameter(4, limit)
                .getResultList();
        return rows.stream().map(row -> new Entry(((Number) row[0]).longValue(), Times.of(row[1]), (String) row[2],
                split((String) row[3]), (String) row[4], (String) row[5], (String) row[6], (UUID) row[7],
                ((Number) row[8]).intValue(), split((String) row[9]))).toList();
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
