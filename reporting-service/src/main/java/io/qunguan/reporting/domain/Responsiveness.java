package io.qunguan.reporting.domain;

import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.AcknowledgementSettled;
import io.qunguan.events.DeadlineOpened;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.ResponseMeasured;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/**
 * Responsiveness, assessed (SV-3, SV-4): every deadline moderation-service closed — a leader's instruction answered
 * (BH-5) or carried through the same day (BH-7), a customer replied to (BH-9) — per person and period: how many, how
 * many met, the share met, the median and 90th-percentile response time of those answered. An instruction not acted on counts against
 * its person as a missed deadline. HR and auditors read everyone, a department head their department, an employee
 * themselves.
 */
@ApplicationScoped
public class Responsiveness {

    /** The query: a period, and optionally a kind, a person or a department. */
    public record Query(OffsetDateTime from, OffsetDateTime to, String kind, String employeeId, String departmentId) {
    }

    /**
     * One person's figures in the period; response times in seconds over the deadlines answered, in time or late,
     * null when none was.
     */
    public record Person(String employeeId, String departmentId, long deadlines, long met, long missed,
            double metShare, Double medianSeconds, Double p90Seconds) {
    }

    /** The people, most missed first, and everyone's figures together. */
    public record Assessment(OffsetDateTime from, OffsetDateTime to, String kind, List<Person> people, Person total) {
    }

    /** The caller: who may see whom. */
    public record Caller(String employeeId, Collection<String> roles, String department) {
    }

    /** A caller asking for figures they may not see. */
    public static final class NotVisible extends RuntimeException {
        NotVisible(String message) {
            super(message);
        }
    }

    private final EntityManager entities;
    private final ProcessedEvents processed;

    public Responsiveness(EntityManager entities, ProcessedEvents processed) {
        this.entities = entities;
        this.processed = processed;
    }

    /** Records a closed deadline once, however often it is delivered. */
    @Transactional
    public void record(EventEnvelope<ResponseMeasured> event) {
        if (!processed.firstTime(ViolationReports.CONSUMER, event.id())) {
            return;
        }
        ResponseMeasured measured = event.data();
        entities.createNativeQuery("""
                        INSERT INTO response_time (deadline_id, kind, group_id, member_id, employee_id, department_id,
                            leader_employee, opened_at, due_at, answered_at, response_seconds, met, violation_id,
                            leader_id)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                        ON CONFLICT (deadline_id) DO NOTHING""")
                .setParameter(1, measured.deadlineId()).setParameter(2, measured.kind().name())
                .setParameter(3, measured.groupId()).setParameter(4, measured.memberId())
                .setParameter(5, measured.employeeId()).setParameter(6, measured.departmentId())
                .setParameter(7, measured.leaderEmployeeId()).setParameter(8, measured.openedAt())
                .setParameter(9, measured.dueAt()).setParameter(10, measured.answeredAt())
                .setParameter(11, measured.responseSeconds()).setParameter(12, measured.met())
                .setParameter(13, measured.violationId()).setParameter(14, measured.leaderId()).executeUpdate();
        entities.createNativeQuery("UPDATE open_deadline SET closed_at = ?2 WHERE deadline_id = ?1 AND closed_at IS NULL")
                .setParameter(1, measured.deadlineId())
                .setParameter(2, measured.answeredAt() != null ? measured.answeredAt() : measured.dueAt())
                .executeUpdate();
    }

    /** Lists a deadline as open until its measurement closes it; a late-arriving opening of a closed one stays closed. */
    @Transactional
    public void opened(EventEnvelope<DeadlineOpened> event) {
        DeadlineOpened opened = event.data();
        entities.createNativeQuery("""
                        INSERT INTO open_deadline (deadline_id, kind, group_id, employee_id, department_id,
                            leader_employee, opened_at, due_at, closed_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                                (SELECT COALESCE(answered_at, due_at) FROM response_time WHERE deadline_id = ?1))
                        ON CONFLICT (deadline_id) DO NOTHING""")
                .setParameter(1, opened.deadlineId()).setParameter(2, opened.kind().name())
                .setParameter(3, opened.groupId()).setParameter(4, opened.employeeId())
                .setParameter(5, opened.departmentId()).setParameter(6, opened.leaderEmployeeId())
                .setParameter(7, opened.openedAt() != null ? opened.openedAt() : event.time())
                .setParameter(8, opened.dueAt() != null ? opened.dueAt() : event.time()).executeUpdate();
    }

    /** Records a member's settled acknowledgement of a notice (BH-6, SV-3) once. */
    @Transactional
    public void acknowledgement(EventEnvelope<AcknowledgementSettled> event) {
        AcknowledgementSettled settled = event.data();
        entities.createNativeQuery("""
                        INSERT INTO acknowledgement (notice_id, member_id, employee_id, group_id, posted_at, due_at,
                            acknowledged_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (notice_id, member_id) DO NOTHING""")
                .setParameter(1, settled.noticeId()).setParameter(2, settled.memberId())
                .setParameter(3, settled.employeeId()).setParameter(4, settled.groupId())
                .setParameter(5, settled.postedAt())
                .setParameter(6, settled.dueAt() != null ? settled.dueAt() : event.time())
                .setParameter(7, settled.acknowledgedAt()).executeUpdate();
    }

    /**
     * The assessment the caller may see: HR and auditors anyone's, a department head their department's (asked for
     * another's, {@link NotVisible}), an employee their own.
     */
    @Transactional
    public Assessment assess(Query query, Caller caller) {
        String employee = query.employeeId();
        String department = query.departmentId();
        boolean all = caller.roles().contains("hr") || caller.roles().contains("auditor");
        if (!all && caller.roles().contains("dept-head") && caller.department() != null) {
            if (department != null && !department.equals(caller.department())) {
                throw new NotVisible("a department head sees their own department, " + caller.department());
            }
            department = caller.department();
        } else if (!all) {
            if (employee != null && !employee.equals(caller.employeeId())) {
                throw new NotVisible("an employee sees their own figures");
            }
            employee = caller.employeeId();
        }
        String where = """
                FROM response_time WHERE opened_at >= ?1 AND opened_at < ?2
                  AND (CAST(?3 AS text) IS NULL OR kind = ?3)
                  AND (CAST(?4 AS text) IS NULL OR employee_id = ?4)
                  AND (CAST(?5 AS text) IS NULL OR department_id = ?5)""";
        String figures = """
                count(*), count(*) FILTER (WHERE met), count(*) FILTER (WHERE NOT met),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds),
                percentile_cont(0.9) WITHIN GROUP (ORDER BY response_seconds)""";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = parameters(entities.createNativeQuery("SELECT employee_id, department_id, " + figures
                + " " + where + """

                 GROUP BY employee_id, department_id
                 ORDER BY count(*) FILTER (WHERE NOT met) DESC, employee_id LIMIT 1000"""), query, employee,
                department).getResultList();
        Object[] total = (Object[]) parameters(entities.createNativeQuery("SELECT NULL, NULL, " + figures + " "
                + where), query, employee, department).getSingleResult();
        return new Assessment(query.from(), query.to(), query.kind(), rows.stream().map(Responsiveness::person)
                .toList(), person(total));
    }

    private static jakarta.persistence.Query parameters(jakarta.persistence.Query sql, Query query, String employee,
            String department) {
        return sql.setParameter(1, query.from()).setParameter(2, query.to()).setParameter(3, query.kind())
                .setParameter(4, employee).setParameter(5, department);
    }

    private static Person person(Object[] row) {
        long deadlines = ((Number) row[2]).longValue();
        long met = ((Number) row[3]).longValue();
        return new Person((String) row[0], (String) row[1], deadlines, met, ((Number) row[4]).longValue(),
                deadlines == 0 ? 0 : Math.round(1000.0 * met / deadlines) / 1000.0,
                row[5] == null ? null : ((Number) row[5]).doubleValue(),
                row[6] == null ? null : ((Number) row[6]).doubleValue());
    }
}
