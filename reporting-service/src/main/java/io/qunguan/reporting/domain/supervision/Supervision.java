package io.qunguan.reporting.domain.supervision;

import io.qunguan.reporting.domain.archive.AccessLog;
import io.qunguan.reporting.domain.archive.Archive;
import io.qunguan.reporting.domain.archive.ArchiveConfig;
import io.qunguan.reporting.domain.archive.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * SV-5: a supervision team member requests a person's or a group's records for a period, with a reason; an auditor
 * other than the requester approves it for a limited time (or refuses it); while the grant lasts the requester reads
 * those records, and only those, each read in the archive's access log with the request's reason.
 */
@ApplicationScoped
public class Supervision {

    public static final Set<String> SUBJECTS = Set.of("PERSON", "GROUP");
    /** The longest period one request may cover. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    /** A request and, once decided, its decision. */
    public record Request(UUID id, String requestedBy, String subjectKind, String subjectId, OffsetDateTime from,
            OffsetDateTime to, String reason, OffsetDateTime requestedAt, String status, String decidedBy,
            OffsetDateTime decidedAt, String decisionReason, OffsetDateTime accessUntil) {

        /** Whether the grant lets its requester read now. */
        public boolean open(OffsetDateTime now) {
            return "APPROVED".equals(status) && accessUntil != null && now.isBefore(accessUntil);
        }
    }

    /** A request or decision that cannot be made as asked. */
    public static final class Refused extends RuntimeException {
        private final boolean forbidden;

        Refused(String message, boolean forbidden) {
            super(message);
            this.forbidden = forbidden;
        }

        /** Whether it is about who asks (403) rather than what was asked (400, 409). */
        public boolean forbidden() {
            return forbidden;
        }
    }

    /** A request that is not (or no longer) in a state the step needs. */
    public static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message);
        }
    }

    private final EntityManager entities;
    private final Archive archive;
    private final AccessLog log;
    private final ArchiveConfig config;

    public Supervision(EntityManager entities, Archive archive, AccessLog log, ArchiveConfig config) {
        this.entities = entities;
        this.archive = archive;
        this.log = log;
        this.config = config;
    }

    /** Files a request of {@code requester}, a supervision team member. */
    @Transactional
    public Request request(String subjectKind, String subjectId, OffsetDateTime from, OffsetDateTime to,
            String reason, AccessLog.Actor requester) {
        if (!SUBJECTS.contains(subjectKind)) {
            throw new Refused("subjectKind is one of " + SUBJECTS, false);
        }
        if (subjectId == null || subjectId.isBlank()) {
            throw new Refused("subjectId is required", false);
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw new Refused("from and to are required, from before to", false);
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new Refused("a request covers at most " + MAX_PERIOD.toDays() + " days", false);
        }
        if (reason == null || reason.strip().length() < 5) {
            throw new Refused("a reason of at least five characters is required", false);
        }
        if ("PERSON".equals(subjectKind) && subjectId.equals(requester.id())) {
            throw new Refused("nobody requests their own records", true);
        }
        UUID id = UUID.randomUUID();
        entities.createNativeQuery("""
                        INSERT INTO supervision_request (id, requested_by, subject_kind, subject_id, period_from,
                            period_to, reason, requested_at, status)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'REQUESTED')""")
                .setParameter(1, id).setParameter(2, requester.id()).setParameter(3, subjectKind)
                .setParameter(4, subjectId).setParameter(5, from).setParameter(6, to).setParameter(7, reason.strip())
                .setParameter(8, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
        log.record(requester, "REQUEST", "supervision request " + id + " for " + subjectKind + " " + subjectId
                + " from " + from + " to " + to + ": " + reason.strip(), List.of(subjectId));
        return find(id).orElseThrow();
    }

    /**
     * An auditor's decision: approved for {@code hours} (at most the configured maximum) or refused, with a reason;
     * once only, and never by the requester.
     */
    @Transactional
    public Optional<Request> decide(UUID id, boolean approve, String reason, int hours, AccessLog.Actor auditor) {
        Optional<Request> found = find(id, true);
        if (found.isEmpty()) {
            return found;
        }
        Request request = found.get();
        if (request.requestedBy().equals(auditor.id())) {
            throw new Refused("a request is decided by an auditor other than its requester", true);
        }
        if (!"REQUESTED".equals(request.status())) {
            throw new Conflict("request " + id + " was decided already: " + request.status());
        }
        if (reason == null || reason.isBlank()) {
            throw new Refused("a reason is required", false);
        }
        if (approve && (hours <= 0 || hours > config.maxGrantHours())) {
            throw new Refused("hours must be between 1 and " + config.maxGrantHours(), false);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        entities.createNativeQuery("""
                        UPDATE supervision_request SET status = ?2, decided_by = ?3, decided_at = ?4,
                            decision_reason = ?5, access_until = ?6 WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, approve ? "APPROVED" : "REJECTED").setParameter(3, auditor.id())
                .setParameter(4, now).setParameter(5, reason.strip())
                .setParameter(6, approve ? now.plusHours(hours) : null).executeUpdate();
        log.record(new AccessLog.Actor(auditor.id(), auditor.roles(), reason.strip(), id), approve ? "GRANT"
                : "REFUSE", "supervision request " + id + (approve ? " approved for " + hours + " h" : " refused"),
                List.of(request.subjectId()));
        return find(id);
    }

    /** The requests the caller may see: an auditor every one, a supervisor their own; newest first. */
    @Transactional
    public List<Request> list(AccessLog.Actor caller) {
        boolean auditor = caller.roles().contains("auditor");
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(SELECT + " WHERE (?1 OR requested_by = ?2)"
                        + " ORDER BY requested_at DESC LIMIT 500")
                .setParameter(1, auditor).setParameter(2, caller.id()).getResultList();
        return rows.stream().map(Supervision::request).toList();
    }

    /** One request, when the caller may see it (an auditor, or its requester). */
    @Transactional
    public Optional<Request> get(UUID id, AccessLog.Actor caller) {
        return find(id).filter(request -> caller.roles().contains("auditor")
                || request.requestedBy().equals(caller.id()));
    }

    /**
     * The records an open grant covers, searched within its subject and period, for its requester alone; empty when
     * there is no such request of theirs.
     */
    @Transactional
    public Optional<Archive.Page> records(UUID id, String text, int limit, String cursor, AccessLog.Actor caller) {
        Optional<Request> found = find(id).filter(request -> request.requestedBy().equals(caller.id()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Request request = found.get();
        if (!request.open(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new Conflict("request " + id + " grants no access now: " + request.status()
                    + (request.accessUntil() == null ? "" : ", access until " + request.accessUntil()));
        }
        boolean person = "PERSON".equals(request.subjectKind());
        Archive.Search search = new Archive.Search(person ? null : request.subjectId(),
                person ? request.subjectId() : null, request.from(), request.to(), text, limit, cursor);
        return Optional.of(archive.search(search, new AccessLog.Actor(caller.id(), caller.roles(), request.reason(),
                request.id())));
    }

    private Optional<Request> find(UUID id) {
        return find(id, false);
    }

    private Optional<Request> find(UUID id, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(SELECT + " WHERE id = ?1" + (lock ? " FOR UPDATE" : ""))
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(Supervision::request);
    }

    private static final String SELECT = """
            SELECT id, requested_by, subject_kind, subject_id, period_from, period_to, reason, requested_at, status,
                   decided_by, decided_at, decision_reason, access_until FROM supervision_request""";

    private static Request request(Object[] row) {
        return new Request((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], Times.of(row[4]),
                Times.of(row[5]), (String) row[6], Times.of(row[7]), (String) row[8], (String) row[9],
                Times.of(row[10]), (String) row[11], Times.of(row[12]));
    }
}
