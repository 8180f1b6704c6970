package io.qunguan.moderation.domain;

import io.qunguan.eventing.Outbox;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.Platform;
import io.qunguan.moderation.domain.policy.GroupPolicies;
import io.qunguan.moderation.domain.refusal.Refused;
import io.qunguan.moderation.domain.refusal.Refused.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Appeals (SV-6). The person a violation is of appeals it with a reason, within the group policy's
 * {@code appealWithinDays}; HR or the head of the group owner's department decides with a reason, never the
 * appellant (the sanctions are Qunguan's, so no person who imposed one can be the decider). Upheld, the violation is
 * reversed: off the ladder and its fine cancelled here, and {@link AppealDecided} tells reporting, the platforms
 * (group-service lifts a mute) and the member.
 */
@ApplicationScoped
public class Appeals {

    /** How long deciders have before an appeal is late. */
    static final Duration DECIDE_WITHIN = Duration.ofDays(3);
    static final int TEXT_LIMIT = 1000;

    private static final String SELECT = """
            SELECT a.id, a.violation_id, v.rule_id, v.group_id, a.appellant, a.reason, a.filed_at, a.decide_by,
                   a.status, a.decided_by, a.decision_reason, a.decided_at
            FROM appeal a JOIN violation v ON v.id = a.violation_id
            """;

    /** An appeal as the appellant and the deciders see it. */
    public record View(UUID id, UUID violationId, String ruleId, String groupId, String appellant, String reason,
            OffsetDateTime filedAt, OffsetDateTime decideBy, String status, String decidedBy, String decisionReason,
            OffsetDateTime decidedAt) {
    }

    /** Who asks: their employee id, roles, and department. */
    public record Caller(String employeeId, Collection<String> roles, String department) {

        boolean hr() {
            return roles.contains("hr");
        }

        boolean readsAll() {
            return hr() || roles.contains("auditor");
        }

        boolean headOf(String departmentId) {
            return roles.contains("dept-head") && department != null && department.equals(departmentId);
        }
    }

    private final EntityManager entities;
    private final GroupPolicies policies;
    private final Outbox outbox;

    public Appeals(EntityManager entities, GroupPolicies policies, Outbox outbox) {
        this.entities = entities;
        this.policies = policies;
        this.outbox = outbox;
    }

    /** Files the caller's appeal against a violation of theirs. */
    @Transactional
    public View file(UUID violationId, String reason, Caller caller, OffsetDateTime now) {
        Violation violation = Violation.findById(violationId, LockModeType.PESSIMISTIC_WRITE);
        if (violation == null || !caller.employeeId().equals(violation.employeeId)) {
            throw new Refused(Kind.NOT_FOUND, "no violation " + violationId + " of yours");
        }
        if (violation.reversedAt != null) {
            throw new Refused(Kind.CONFLICT, "violation " + violationId + " was reversed already");
        }
        if (find("a.violation_id = ?1", violationId).isPresent()) {
            throw new Refused(Kind.CONFLICT, "violation " + violationId + " has been appealed already");
        }
        String text = Refused.requiredText(reason, "a reason", TEXT_LIMIT);
        int window = policies.applicableTo(violation.groupId).policy().appealWithinDays();
        OffsetDateTime closes = violation.openedAt.plusDays(window);
        if (now.isAfter(closes)) {
            throw new Refused(Kind.UNPROCESSABLE, "the appeal window of " + window + " days closed at " + closes);
        }
        UUID id = UUID.randomUUID();
        entities.createNativeQuery("""
                        INSERT INTO appeal (id, violation_id, appellant, reason, filed_at, decide_by, status)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING')""")
                .setParameter(1, id).setParameter(2, violationId).setParameter(3, caller.employeeId())
                .setParameter(4, text).setParameter(5, now).setParameter(6, now.plus(DECIDE_WITHIN)).executeUpdate();
        return find("a.id = ?1", id).orElseThrow();
    }

    /**
     * The appeals the caller may see, newest first: HR and auditors all, a department head those of groups owned in
     * their department, anyone their own.
     */
    @Transactional
    public List<View> visibleTo(Caller caller, String status, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(SELECT + """
                        WHERE (?1 OR a.appellant = ?2 OR (?3 AND ?4 = (SELECT m.department_id FROM group_member m
                               WHERE m.group_id = v.group_id AND m.role = 'OWNER' LIMIT 1)))
                          AND (CAST(?5 AS text) IS NULL OR a.status = ?5)
                        ORDER BY a.filed_at DESC LIMIT ?6""")
                .setParameter(1, caller.readsAll()).setParameter(2, caller.employeeId())
                .setParameter(3, caller.roles().contains("dept-head") && caller.department() != null)
                .setParameter(4, caller.department() == null ? "" : caller.department()).setParameter(5, status)
                .setParameter(6, limit).getResultList();
        return rows.stream().map(Appeals::view).toList();
    }

    /** HR or the head of the group owner's department decides, with a reason; upheld reverses the violation. */
    @Transactional
    public View decide(UUID appealId, boolean uphold, String reason, Caller caller, OffsetDateTime now) {
        View appeal = find("a.id = ?1", appealId)
                .orElseThrow(() -> new Refused(Kind.NOT_FOUND, "no appeal " + appealId));
        Violation violation = Violation.findById(appeal.violationId(), LockModeType.PESSIMISTIC_WRITE);
        boolean decider = caller.hr() || caller.headOf(ownerDepartment(violation.groupId).orElse(null));
        if (!decider && !caller.readsAll() && !caller.employeeId().equals(appeal.appellant())) {
            throw new Refused(Kind.NOT_FOUND, "no appeal " + appealId);
        }
        if (caller.employeeId().equals(appeal.appellant())) {
            throw new Refused(Kind.FORBIDDEN, "an appeal is never decided by the appellant");
        }
        if (!decider) {
            throw new Refused(Kind.FORBIDDEN, "an appeal is decided by HR or the head of the group owner's "
                    + "department");
        }
        String because = Refused.requiredText(reason, "a reason", TEXT_LIMIT);
        int updated = entities.createNativeQuery("""
                        UPDATE appeal SET status = ?2, decided_by = ?3, decision_reason = ?4, decided_at = ?5
                        WHERE id = ?1 AND status = 'PENDING'""")
                .setParameter(1, appealId).setParameter(2, uphold ? "UPHELD" : "REJECTED")
                .setParameter(3, caller.employeeId()).setParameter(4, because).setParameter(5, now)
                .executeUpdate();
        if (updated == 0) {
            throw new Refused(Kind.CONFLICT, "appeal " + appealId + " is " + appeal.status() + " already");
        }
        if (uphold) {
            violation.reversedAt = now;
            violation.reversalReason = because;
        }
        outbox.add(EventEnvelope.fresh(ModerationService.SOURCE, new AppealDecided(appealId, violation.id,
                violation.groupId, violation.platform == null ? null : Platform.of(violation.platform),
                violation.chatId, violation.memberId, violation.employeeId, violation.ruleId, violation.sanction(),
                uphold, because, caller.employeeId(), now)));
        return find("a.id = ?1", appealId).orElseThrow();
    }

    private Optional<String> ownerDepartment(String groupId) {
        @SuppressWarnings("unchecked")
        List<String> found = entities.createNativeQuery("""
                        SELECT department_id FROM group_member WHERE group_id = ?1 AND role = 'OWNER'
                          AND department_id IS NOT NULL LIMIT 1""")
                .setParameter(1, groupId).getResultList();
        return found.stream().findFirst();
    }


    private Optional<View> find(String where, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(SELECT + " WHERE " + where).setParameter(1, id)
                .getResultList();
        return rows.stream().findFirst().map(Appeals::view);
    }

    private static View view(Object[] row) {
        return new View((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3], (String) row[4],
                (String) row[5], Deadlines.time(row[6]), Deadlines.time(row[7]), (String) row[8], (String) row[9],
                (String) row[10], row[11] == null ? null : Deadlines.time(row[11]));
    }
}
