package io.qunguan.group.domain.groups;

import io.qunguan.group.domain.catalogue.GroupPolicy.ApprovalStep;
import io.qunguan.group.domain.groups.WorkGroup.Duplicate;
import io.qunguan.group.domain.groups.WorkGroup.Status;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A group as the API shows it, with its approval chain (the decisions taken in every round and the step that
 * waits, if any), its stewards, chats, life dates and what makes it non-compliant.
 */
public record GroupView(String id, String typeId, String name, String departmentId, String projectId, String purpose,
        String ownerId, String requestedBy, List<String> intendedMembers, LocalDate endsOn, Status status, int round,
        PendingStep pendingStep, List<Duplicate> duplicates, List<Decision> approvals, OffsetDateTime requestedAt,
        OffsetDateTime updatedAt, List<String> admins, String successorId, List<String> chats,
        OffsetDateTime activatedAt, OffsetDateTime announcementDueAt, OffsetDateTime lastActivityAt,
        OffsetDateTime dissolvedAt, String dissolutionReason, List<String> problems) {

    /** The step that waits for a decision: its position (1-based), label and who decides. */
    public record PendingStep(int step, String label, String approver, String personId) {
    }

    /** A decision taken. */
    public record Decision(int round, int step, String label, String decidedBy, boolean approved, String reason,
            OffsetDateTime decidedAt) {
    }

    /** @param problems why the group is non-compliant now (GL-4, GL-5, GL-6); empty when it is not active */
    static GroupView of(WorkGroup group, List<ApprovalStep> chain, List<String> problems) {
        PendingStep pending = null;
        if (group.status == Status.REQUESTED && group.nextStep < chain.size()) {
            ApprovalStep step = chain.get(group.nextStep);
            pending = new PendingStep(group.nextStep + 1, step.label(), step.approver().name(), step.personId());
        }
        List<Decision> approvals = GroupApproval.of(group.id).stream()
                .map(a -> new Decision(a.key.round(), a.key.step() + 1, a.label, a.decidedBy, a.approved, a.reason,
                        a.decidedAt)).toList();
        return new GroupView(group.id, group.typeId, group.name, group.departmentId, group.projectId, group.purpose,
                group.ownerId, group.requestedBy, group.intendedMembers, group.endsOn, group.status, group.round,
                pending, group.duplicates, approvals, group.requestedAt, group.updatedAt, group.admins,
                group.successorId, GroupChat.boundKeys(group.id), group.activatedAt, group.announcementDueAt,
                group.lastActivityAt, group.dissolvedAt, group.dissolutionReason, problems);
    }
}
