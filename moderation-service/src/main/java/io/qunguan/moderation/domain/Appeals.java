package io.qunguan.moderation.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.qunguan.eventing.Outbox;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.AppealFiled;
import io.qunguan.events.AppealDecisionDue;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.Platform;
import io.qunguan.moderation.domain.lexicon.LexiconVersions;
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
                   a.status, a.decided_by, a.decision_reason, a.decided_at, a.allow_phrase, a.lexicon_proposal
            FROM appeal a JOIN violation v ON v.id = a.violation_id
            """;

    /**
     * An appeal as the appellant and the deciders see it; {@code allowPhrase} and {@code lexiconProposal} when it was
     * upheld as a false positive and the phrase proposed to the lexicon's allow list.
     */
    public record View(UUID id, UUID violationId, String ruleId, String groupId, String appellant, String reason,
            OffsetDateTime filedAt, OffsetDateTime decideBy, String status, String decidedBy, String decisionReason,
            OffsetDateTime decidedAt, String allowPhrase, Integer lexiconProposal) {
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
    private final LexiconVersions lexicon;

    public Appeals(EntityManager entities, GroupPolicies policies, Outbox outbox, LexiconVersions lexicon) {
        this.entities = entities;
        this.policies = policies;
        this.outbox = outbox;
        this.lexicon = lexicon;
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
        outbox.add(EventEnvelope.fresh(ModerationService.SOURCE, new AppealFiled(id, violationId, violation.groupId,
                violation.ruleId, caller.employeeId(), now, now.plus(DECIDE_WITHIN))));
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

    /**
     * HR or the head of the group owner's department decides, with a reason; upheld reverses the violation. Upheld
     * as a false positive, {@code allowPhrase} (the wording that was no breach, e.g. 禁止赌博) is proposed for the
     * lexicon's allow list, for a person of HR other than the decider to dry-run and approve (SV-7, SV-9).
     */
    @Transactional
    public View decide(UUID appealId, boolean uphold, String reason, String allowPhrase, Caller caller,
            OffsetDateTime now) {
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
        String allow = allowPhrase == null ? null : Refused.requiredText(allowPhrase, "allowPhrase", 100);
        if (allow != null && (!uphold || allow.contains("\n"))) {
            throw new Refused(Kind.UNPROCESSABLE, "allowPhrase is one line, given with an upheld appeal");
        }
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
        if (allow != null) {
            Optional<Integer> proposal = lexicon.proposeAllowance(allow, "false positive upheld on appeal " + appealId
                    + " (" + violation.ruleId + "): " + because, caller.employeeId(), now);
            entities.createNativeQuery("UPDATE appeal SET allow_phrase = ?2, lexicon_proposal = ?3 WHERE id = ?1")
                    .setParameter(1, appealId).setParameter(2, allow).setParameter(3, proposal.orElse(null))
                    .executeUpdate();
        }
        outbox.add(EventEnvelope.fresh(ModerationService.SOURCE, new AppealDecided(appealId, violation.id,
                violation.groupId, violation.platform == null ? null : Platform.of(violation.platform),
                violation.chatId, violation.memberId, violation.employeeId, violation.ruleId, violation.sanction(),
                uphold, because, caller.employeeId(), now)));
        return find("a.id = ?1", appealId).orElseThrow();
    }

    /**
     * Reminds the deciders of every appeal still pending past its {@code decideBy}, once each, in batches of 50 that
     * any number of instances claim with {@code FOR UPDATE SKIP LOCKED}. Returns how many were reminded.
     */
    public int remindLate(OffsetDateTime now) {
        int reminded = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> {
                @SuppressWarnings("unchecked")
                List<Object[]> late = entities.createNativeQuery("""
                                SELECT a.id, a.violation_id, v.group_id, v.rule_id, a.appellant, a.decide_by
                                FROM appeal a JOIN violation v ON v.id = a.violation_id
                                WHERE a.status = 'PENDING' AND a.late_reminded_at IS NULL AND a.decide_by <= ?1
                                ORDER BY a.decide_by LIMIT 50 FOR UPDATE OF a SKIP LOCKED""")
                        .setParameter(1, now).getResultList();
                for (Object[] row : late) {
                    entities.createNativeQuery("UPDATE appeal SET late_reminded_at = ?2 WHERE id = ?1")
                            .setParameter(1, row[0]).setParameter(2, now).executeUpdate();
                    String groupId = (String) row[2];
                    outbox.add(EventEnvelope.fresh(ModerationService.SOURCE, new AppealDecisionDue((UUID) row[0],
                            (UUID) row[1], groupId, (String) row[3], (String) row[4],
                            ownerDepartment(groupId).orElse(null), Deadlines.time(row[5]))));
                }
                return late.size();
            });
            reminded += batch;
        } while (batch == 50);
        return reminded;
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
                (String) row[10], row[11] == null ? null : Deadlines.time(row[11]), (String) row[12],
                row[13] == null ? null : ((Number) row[13]).intValue());
    }
}
