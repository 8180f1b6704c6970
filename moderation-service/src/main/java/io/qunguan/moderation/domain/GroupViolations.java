package io.qunguan.moderation.domain;

import io.qunguan.eventing.EvidenceReads;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.moderation.domain.refusal.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A group's violations as its managers see them (SV-1): the group's owner and admins, the head of the owner's
 * department, HR and auditors. Masked evidence only; every read is audited, since it is others' messages.
 */
@ApplicationScoped
public class GroupViolations {

    /** A violation in the group: who, what, the sanction, masked evidence. */
    public record Entry(UUID violationId, String ruleId, String category, Severity severity, String chatId,
            String memberId, String employeeId, int offence, Sanction sanction, String evidence,
            OffsetDateTime openedAt, OffsetDateTime reversedAt) {
    }

    private final EntityManager entities;
    private final EvidenceReads evidenceReads;

    public GroupViolations(EntityManager entities, EvidenceReads evidenceReads) {
        this.entities = entities;
        this.evidenceReads = evidenceReads;
    }

    /** The group's violations, newest first; a caller who may not see them is told there is no such group (404). */
    @Transactional
    public List<Entry> readBy(String groupId, Appeals.Caller caller, int limit) {
        if (!caller.readsAll() && !manages(groupId, caller)) {
            throw new Refused(Refused.Kind.NOT_FOUND, "no group " + groupId + " of yours");
        }
        List<Violation> violations = Violation.find("groupId = ?1 order by openedAt desc, id", groupId)
                .page(0, limit).list();
        List<Entry> entries = violations.stream().map(violation -> new Entry(violation.id, violation.ruleId,
                violation.category, violation.severity, violation.chatId, violation.memberId, violation.employeeId,
                violation.offence, violation.sanction(), violation.maskedEvidence, violation.openedAt,
                violation.reversedAt)).toList();
        if (!entries.isEmpty()) {
            evidenceReads.record(caller.employeeId(), caller.roles(), "violations of group " + groupId,
                    entries.stream().map(entry -> entry.violationId().toString()).toList());
        }
        return entries;
    }

    /** An owner or admin on the group's roster, or the head of its owner's department. */
    private boolean manages(String groupId, Appeals.Caller caller) {
        return !entities.createNativeQuery("""
                        SELECT 1 FROM group_member WHERE group_id = ?1 AND role IN ('OWNER', 'ADMIN')
                          AND (employee_id = ?2 OR (?3 AND role = 'OWNER' AND department_id = ?4))""")
                .setParameter(1, groupId).setParameter(2, caller.employeeId())
                .setParameter(3, caller.roles().contains("dept-head") && caller.department() != null)
                .setParameter(4, caller.department() == null ? "" : caller.department()).getResultList().isEmpty();
    }
}
