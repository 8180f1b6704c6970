package io.qunguan.reporting.domain.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qunguan.reporting.domain.SqlArrays;
import io.qunguan.reporting.domain.replica.Replicas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How long the archive keeps a message, and the purge (IS-1, IS-2): a message is kept for its group's
 * {@code records.retentionDays} (the type's configured days, else the default, where the policy does not say), then
 * deleted, unless a legal hold on its group or its sender stands. Any number of replicas may run the purge: each
 * batch takes an advisory lock, and a replica that does not get it leaves the run to the one that did.
 */
@ApplicationScoped
public class Retention {

    /** The advisory lock of a purge batch: "qg-arch" in ASCII. */
    static final long PURGE_LOCK = 0x71672d61726368L;
    static final String SYSTEM = "reporting-service";

    /** A legal hold on a person (employee id) or a group. */
    public record Hold(UUID id, String subjectKind, String subjectId, String reason, String placedBy,
            OffsetDateTime placedAt, String releasedBy, OffsetDateTime releasedAt, String releaseReason) {
    }

    /** What one purge run deleted. */
    public record Purged(int deleted, int batches) {
    }

    private final EntityManager entities;
    private final Replicas replicas;
    private final ArchiveConfig config;
    private final AccessLog log;
    private final Counter purgedMessages;

    public Retention(EntityManager entities, Replicas replicas, ArchiveConfig config, AccessLog log,
            MeterRegistry registry) {
        this.entities = entities;
        this.replicas = replicas;
        this.config = config;
        this.log = log;
        this.purgedMessages = Counter.builder("qunguan_archive_purged_messages")
                .description("messages deleted from the archive when their retention passed (IS-1)")
                .register(registry);
    }

    /** The days a message of this chat (or group) is kept. */
    @Transactional
    public int daysFor(String chatKeyOrGroupId) {
        return replicas.groupOf(chatKeyOrGroupId).map(this::daysFor).orElse(config.retentionDays());
    }

    int daysFor(Replicas.Group group) {
        if (group.retentionDays() != null) {
            return group.retentionDays();
        }
        return Optional.ofNullable(group.typeId()).map(config.typeRetentionDays()::get)
                .orElse(config.retentionDays());
    }

    /**
     * Deletes, batch by batch, every message past its retention that no legal hold covers, as of {@code now}; stops
     * when a batch finds nothing more, or when another replica holds the purge.
     */
    public Purged purge(OffsetDateTime now) {
        int deleted = 0;
        int batches = 0;
        while (true) {
            int batch = purgeBatch(now);
            if (batch <= 0) {
                return new Purged(deleted, batches);
            }
            deleted += batch;
            batches++;
            if (batch < config.purgeBatch()) {
                return new Purged(deleted, batches);
            }
        }
    }

    /** One batch; -1 when another replica is purging. */
    @Transactional
    int purgeBatch(OffsetDateTime now) {
        boolean mine = (Boolean) entities.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, PURGE_LOCK).getSingleResult();
        if (!mine) {
            return -1;
        }
        Map<String, Integer> byType = config.typeRetentionDays();
        List<String> typeIds = List.copyOf(byType.keySet());
        String types = SqlArrays.text(typeIds);
        String days = typeIds.stream().map(type -> String.valueOf(byType.get(type)))
                .collect(Collectors.joining(",", "{", "}"));
        @SuppressWarnings("unchecked")
        List<Object[]> purged = entities.createNativeQuery("""
                        WITH expired AS (
                            SELECT m.event_id FROM archived_message m
                            LEFT JOIN group_replica_chat c ON c.chat_key = m.chat_key
                            LEFT JOIN group_replica g ON g.group_id = COALESCE(c.group_id, m.group_id)
                            LEFT JOIN unnest(CAST(?1 AS text[]), CAST(?2 AS int[])) AS t(type_id, days)
                                   ON t.type_id = g.type_id
                            WHERE m.sent_at < CAST(?3 AS timestamptz) - make_interval(days => COALESCE(g.retention_days, t.days, ?4))
                              AND NOT EXISTS (
                                  SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL AND (
                                      (h.subject_kind = 'GROUP' AND h.subject_id IN (g.group_id, m.group_id))
                                   OR (h.subject_kind = 'PERSON' AND EXISTS (
                                          SELECT 1 FROM person_account a
                                          WHERE a.platform_user = m.sender_id AND a.employee_id = h.subject_id))))
                            LIMIT ?5)
                        DELETE FROM archived_message d USING expired e WHERE d.event_id = e.event_id
                        RETURNING d.event_id, d.chat_key""")
                .setParameter(1, types).setParameter(2, days).setParameter(3, now)
                .setParameter(4, config.retentionDays()).setParameter(5, config.purgeBatch()).getResultList();
        if (!purged.isEmpty()) {
            List<String> chats = purged.stream().map(row -> (String) row[1]).distinct().sorted().toList();
            log.record(new AccessLog.Actor(SYSTEM, List.of("system")), "PURGE",
                    "retention passed: " + purged.size() + " messages of " + chats.size() + " chats as of " + now,
                    chats);
            purgedMessages.increment(purged.size());
        }
        return purged.size();
    }

    /** Places a legal hold: nothing of the subject is purged until it is released. */
    @Transactional
    public Hold place(String subjectKind, String subjectId, String reason, AccessLog.Actor actor) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        entities.createNativeQuery("""
                        INSERT INTO legal_hold (id, subject_kind, subject_id, reason, placed_by, placed_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, id).setParameter(2, subjectKind).setParameter(3, subjectId)
                .setParameter(4, reason).setParameter(5, actor.id()).setParameter(6, now).executeUpdate();
        log.record(actor, "HOLD", "legal hold " + id + " on " + subjectKind + " " + subjectId + ": " + reason,
                List.of(subjectId));
        return hold(id).orElseThrow();
    }

    /** Releases a hold once; empty when there is no such hold, the hold itself when it was released already. */
    @Transactional
    public Optional<Hold> release(UUID id, String reason, AccessLog.Actor actor) {
        int released = entities.createNativeQuery("""
                        UPDATE legal_hold SET released_by = ?2, released_at = ?3, release_reason = ?4
                        WHERE id = ?1 AND released_at IS NULL""")
                .setParameter(1, id).setParameter(2, actor.id())
                .setParameter(3, OffsetDateTime.now(ZoneOffset.UTC)).setParameter(4, reason).executeUpdate();
        Optional<Hold> hold = hold(id);
        if (released > 0) {
            log.record(actor, "RELEASE", "legal hold " + id + " released: " + reason,
                    hold.map(found -> List.of(found.subjectId())).orElse(List.of()));
        }
        return hold;
    }

    /** The holds, standing ones first, newest first. */
    @Transactional
    public List<Hold> holds() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(HOLD + " ORDER BY released_at IS NOT NULL, placed_at DESC"
                + " LIMIT 1000").getResultList();
        return rows.stream().map(Retention::hold).toList();
    }

    private Optional<Hold> hold(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(HOLD + " WHERE id = ?1").setParameter(1, id)
                .getResultList();
        return rows.stream().findFirst().map(Retention::hold);
    }

    private static final String HOLD = """
            SELECT id, subject_kind, subject_id, reason, placed_by, placed_at, released_by, released_at,
                   release_reason FROM legal_hold""";

    private static Hold hold(Object[] row) {
        return new Hold((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                Times.of(row[5]), (String) row[6], Times.of(row[7]), (String) row[8]);
    }
}
