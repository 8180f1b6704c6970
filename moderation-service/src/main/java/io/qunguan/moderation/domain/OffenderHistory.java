package io.qunguan.moderation.domain;

import io.qunguan.eventing.EvidenceReads;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A person's place on the ladder (SV-2): their offences in the window, their fines, their violations. */
@ApplicationScoped
public class OffenderHistory {

    /** How far back offences are counted for the summary: the default repeat window. */
    static final Duration WINDOW = Duration.ofDays(90);
    static final int LIMIT = 200;

    /**
     * One employee's record.
     *
     * @param offencesInWindow sanctioned violations within the last 90 days (the default repeat window)
     * @param finesYuan        fines and penalty red packets of every violation on record, but those reversed on appeal
     */
    public record Summary(String employeeId, String departmentId, int offencesInWindow, int finesYuan,
            List<Entry> violations) {
    }

    /** A violation as its offender, their department head and HR see it: masked evidence, no raw message. */
    public record Entry(UUID violationId, String ruleId, String category, Severity severity, String groupId,
            String chatId, int offence, Sanction sanction, String evidence, OffsetDateTime openedAt,
            OffsetDateTime reversedAt) {
    }

    private final EntityManager entities;
    private final EvidenceReads evidenceReads;

    public OffenderHistory(EntityManager entities, EvidenceReads evidenceReads) {
        this.entities = entities;
        this.evidenceReads = evidenceReads;
    }

    /** The employee's record as {@code reader} reads it: a read of someone else's evidence is audited first. */
    @Transactional
    public Summary readBy(String employeeId, String reader, Collection<String> roles) {
        Summary summary = of(employeeId);
        if (!employeeId.equals(reader)) {
            evidenceReads.record(reader, roles, "offences of " + employeeId,
                    summary.violations().stream().map(entry -> entry.violationId().toString()).toList());
        }
        return summary;
    }

    /** The department the groups' rosters place the employee in, if any group knows them. */
    @Transactional
    public Optional<String> departmentOf(String employeeId) {
        @SuppressWarnings("unchecked")
        List<String> found = entities.createNativeQuery("""
                        SELECT m.department_id FROM group_member m JOIN group_policy p ON p.group_id = m.group_id
                        WHERE m.employee_id = ?1 AND m.department_id IS NOT NULL
                        ORDER BY p.updated_at DESC LIMIT 1""")
                .setParameter(1, employeeId).getResultList();
        return found.stream().findFirst();
    }

    /** The employee's record, newest violations first (at most 200). */
    @Transactional
    public Summary of(String employeeId) {
        String offender = "employee:" + employeeId;
        List<Violation> violations = Violation.find("offender = ?1 order by openedAt desc, id", offender)
                .page(0, LIMIT).list();
        int inWindow = Violation.offencesSince(offender, OffsetDateTime.now(ZoneOffset.UTC).minus(WINDOW));
        Number fines = (Number) entities.createNativeQuery("""
                        SELECT coalesce(sum(sanction_yuan), 0) FROM violation
                        WHERE offender = ?1 AND sanction IN ('FINE', 'PENALTY_RED_PACKET') AND reversed_at IS NULL""")
                .setParameter(1, offender).getSingleResult();
        return new Summary(employeeId, departmentOf(employeeId).orElse(null), inWindow, fines.intValue(),
                violations.stream().map(violation -> new Entry(violation.id, violation.ruleId, violation.category,
                        violation.severity, violation.groupId, violation.chatId, violation.offence,
                        violation.sanction(), violation.maskedEvidence, violation.openedAt, violation.reversedAt))
                        .toList());
    }
}
