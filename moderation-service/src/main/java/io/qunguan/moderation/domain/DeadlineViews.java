package io.qunguan.moderation.domain;

import io.qunguan.eventing.EvidenceReads;
import io.qunguan.events.DeadlineKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The deadlines a person may see (BH-5, BH-7, BH-9): their own and those they gave, their groups' as an owner or
 * admin, their department's as its head, all for HR and auditors. The task's or customer's excerpt is masked; a read
 * of messages others wrote is audited.
 */
@ApplicationScoped
public class DeadlineViews {

    /**
     * One deadline; {@code leaderId} is the customer's account for a {@code CUSTOMER_REPLY}; {@code responseSeconds}
     * is from the clock's start to the answer, null when none came; {@code closedBy} and {@code closingNote} when it
     * was closed over REST.
     */
    public record View(UUID id, String kind, String ruleId, String groupId, String platform, String chatId,
            String leaderId, String leaderEmployeeId, String memberId, String employeeId, String task,
            OffsetDateTime openedAt, OffsetDateTime startsAt, OffsetDateTime dueAt, String status,
            OffsetDateTime answeredAt, Long responseSeconds, String answeredBy, String closedBy, String closingNote,
            UUID violationId) {
    }

    private static final String COLUMNS = """
            d.id, d.group_id, d.platform, d.chat_id, d.leader_id, d.leader_employee, d.assignee_id,
            d.assignee_employee, d.excerpt, d.opened_at, d.starts_at, d.due_at, d.status, d.answered_at,
            d.violation_id, d.kind, d.answered_by, d.closed_by, d.closing_note""";

    private final EntityManager entities;
    private final EvidenceReads evidenceReads;

    public DeadlineViews(EntityManager entities, EvidenceReads evidenceReads) {
        this.entities = entities;
        this.evidenceReads = evidenceReads;
    }

    @Transactional
    public List<View> visibleTo(String reader, Collection<String> roles, String department, String status,
            String kind, int limit) {
        boolean everyone = roles.contains("hr") || roles.contains("auditor");
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("SELECT " + COLUMNS + """

                        FROM response_deadline d
                        WHERE (?1 OR d.assignee_employee = ?2 OR d.leader_employee = ?2
                               OR (?3 AND d.department_id = ?4)
                               OR d.group_id IN (SELECT m.group_id FROM group_member m
                                                 WHERE m.employee_id = ?2 AND m.role IN ('OWNER', 'ADMIN')))
                          AND (CAST(?5 AS text) IS NULL OR d.status = ?5)
                          AND (CAST(?7 AS text) IS NULL OR d.kind = ?7)
                        ORDER BY d.opened_at DESC LIMIT ?6""")
                .setParameter(1, everyone).setParameter(2, reader)
                .setParameter(3, roles.contains("dept-head") && department != null)
                .setParameter(4, department == null ? "" : department).setParameter(5, status)
                .setParameter(6, limit).setParameter(7, kind).getResultList();
        List<View> views = rows.stream().map(DeadlineViews::view).toList();
        // the excerpt is someone else's message unless the reader wrote it: a leader's task, a customer's message
        List<String> othersTasks = views.stream().filter(view -> !reader.equals(view.leaderEmployeeId()))
                .map(view -> view.leaderEmployeeId() != null ? view.leaderEmployeeId() : view.leaderId())
                .filter(Objects::nonNull).distinct().toList();
        if (!othersTasks.isEmpty()) {
            evidenceReads.record(reader, roles, "deadlines" + (kind == null ? "" : " " + kind)
                    + (status == null ? "" : " " + status), othersTasks);
        }
        return views;
    }

    /** One deadline, for a caller already allowed to act on it. */
    @Transactional
    public View one(UUID id) {
        return view((Object[]) entities.createNativeQuery("SELECT " + COLUMNS + " FROM response_deadline d WHERE d.id = ?1")
                .setParameter(1, id).getSingleResult());
    }

    private static View view(Object[] row) {
        OffsetDateTime starts = Deadlines.time(row[10]);
        OffsetDateTime answered = row[13] == null ? null : Deadlines.time(row[13]);
        DeadlineKind kind = DeadlineKind.valueOf((String) row[15]);
        return new View((UUID) row[0], kind.name(), kind.ruleId(), (String) row[1], (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8],
                Deadlines.time(row[9]), starts, Deadlines.time(row[11]), (String) row[12], answered,
                Deadlines.responseSeconds(starts, answered), (String) row[16], (String) row[17], (String) row[18],
                (UUID) row[14]);
    }
}
