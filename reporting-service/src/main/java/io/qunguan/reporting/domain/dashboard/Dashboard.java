package io.qunguan.reporting.domain.dashboard;

import io.qunguan.eventing.EvidenceReads;
import io.qunguan.reporting.domain.SqlArrays;
import io.qunguan.reporting.domain.archive.Times;
import io.qunguan.reporting.domain.assessment.Assessment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the dashboard page shows, for the caller's scope — HR and auditors the company, a department head their
 * department's subtree, an employee themselves — with the assessment's own object-level rules: violations over time by
 * rule, the top rules and groups, the response-time distribution, the department and people tables, group health,
 * and a person's record with masked evidence (audited when it is someone else's).
 */
@ApplicationScoped
public class Dashboard {

    /** Response-time buckets of the distribution, in minutes: up to 5, 15, 30, 60, more, never answered. */
    static final long[] BUCKETS = {5, 15, 30, 60};

    /** A count by a name. */
    public record Count(String key, String label, long count) {
    }

    /** A group with what makes it non-compliant. */
    public record GroupHealth(String groupId, String name, String typeId, String departmentId, List<String> problems) {
    }

    /** A deadline not yet met or missed (BH-5, BH-7, BH-9). */
    public record OpenDeadline(String kind, String groupId, String employeeId, OffsetDateTime dueAt) {
    }

    /** An appeal not yet decided (SV-6). */
    public record OpenAppeal(String ruleId, String groupId, String appellant, OffsetDateTime decideBy) {
    }

    /** The page of a scope. */
    public record Overview(Assessment.Report report, List<LocalDate> days, Map<String, List<Long>> byRuleByDay,
            List<Count> topRules, List<Count> topGroups, List<Count> responseTimes, List<GroupHealth> groupHealth,
            long violations, long finesYuan, long missed, double averageScore, List<OpenDeadline> openDeadlines,
            List<OpenAppeal> openAppeals) {
    }

    /** A violation on a person's record, its evidence masked. */
    public record Violation(UUID id, OffsetDateTime openedAt, String ruleId, String severity, String groupId,
            String sanction, Integer fineYuan, String evidence, OffsetDateTime reversedAt) {
    }

    /** A person's record for the period. */
    public record PersonRecord(Assessment.Person person, List<Violation> violations, List<Count> responseTimes) {
    }

    private final EntityManager entities;
    private final Assessment assessment;
    private final EvidenceReads evidenceReads;

    public Dashboard(EntityManager entities, Assessment assessment, EvidenceReads evidenceReads) {
        this.entities = entities;
        this.assessment = assessment;
        this.evidenceReads = evidenceReads;
    }

    /** The overview of the caller's scope ({@link Assessment.NotVisible} when asked for more). */
    @Transactional
    public Overview overview(Assessment.Period period, String departmentId, Assessment.Caller caller, ZoneId zone) {
        Assessment.Report report = assessment.assess(period, departmentId, null, caller, zone);
        boolean company = departmentId == null && (caller.roles().contains("hr") || caller.roles().contains("auditor"));
        List<String> people = report.people().stream().map(Assessment.Person::employeeId).toList();
        String scope = company ? "" : " AND employee_id IN (SELECT unnest(CAST(?3 AS text[])))";
        String ids = SqlArrays.text(people);

        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = period.from().atZoneSameInstant(zone).toLocalDate();
                day.isBefore(period.to().atZoneSameInstant(zone).toLocalDate()) && days.size() < 400;
                day = day.plusDays(1)) {
            days.add(day);
        }
        List<Count> topRules = counts("""
                SELECT rule_id, rule_id, count(*) FROM violation_view
                WHERE opened_at >= ?1 AND opened_at < ?2 AND reversed_at IS NULL""" + scope
                + " GROUP BY rule_id ORDER BY count(*) DESC, rule_id LIMIT 10", period, ids, company);
        Map<String, List<Long>> byRuleByDay = new LinkedHashMap<>();
        topRules.stream().limit(6).forEach(rule -> byRuleByDay.put(rule.key(), new ArrayList<>(
                java.util.Collections.nCopies(days.size(), 0L))));
        @SuppressWarnings("unchecked")
        // the zone is the configured ZoneId's own name, never a caller's input
        List<Object[]> daily = parameters(entities.createNativeQuery("SELECT rule_id, CAST(timezone('"
                + zone.getId() + "', opened_at) AS date), count(*) FROM violation_view"
                + " WHERE opened_at >= ?1 AND opened_at < ?2 AND reversed_at IS NULL" + scope
                + " GROUP BY 1, 2"), period, ids, company).getResultList();
        for (Object[] row : daily) {
            List<Long> series = byRuleByDay.get((String) row[0]);
            int day = days.indexOf(row[1] instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) row[1]);
            if (series != null && day >= 0) {
                series.set(day, ((Number) row[2]).longValue());
            }
        }
        List<Count> topGroups = counts("""
                SELECT v.group_id, COALESCE(max(g.name), v.group_id), count(*) FROM violation_view v
                LEFT JOIN group_replica g ON g.group_id = v.group_id
                WHERE v.opened_at >= ?1 AND v.opened_at < ?2 AND v.reversed_at IS NULL"""
                + scope.replace("employee_id", "v.employee_id")
                + " GROUP BY v.group_id ORDER BY count(*) DESC, v.group_id LIMIT 10", period, ids, company);
        List<Count> responseTimes = responseTimes(period, company ? null : ids);
        List<String> departments = report.departments().stream().map(Assessment.Department::departmentId).toList();
        List<GroupHealth> health = groupHealth(company ? null : departments);
        @SuppressWarnings("unchecked")
        List<Object[]> deadlines = (company ? entities.createNativeQuery(OPEN_DEADLINES + " ORDER BY due_at LIMIT 50")
                : entities.createNativeQuery(OPEN_DEADLINES + " AND employee_id IN (SELECT unnest(CAST(?1 AS text[])))"
                        + " ORDER BY due_at LIMIT 50").setParameter(1, ids)).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> appeals = (company ? entities.createNativeQuery(OPEN_APPEALS + " ORDER BY decide_by LIMIT 50")
                : entities.createNativeQuery(OPEN_APPEALS + " AND appellant IN (SELECT unnest(CAST(?1 AS text[])))"
                        + " ORDER BY decide_by LIMIT 50").setParameter(1, ids)).getResultList();
        return new Overview(report, days, byRuleByDay, topRules, topGroups, responseTimes, health,
                report.people().stream().mapToLong(Assessment.Person::violations).sum(),
                report.people().stream().mapToLong(Assessment.Person::finesYuan).sum(),
                report.people().stream().mapToLong(Assessment.Person::missed).sum(),
                Math.round(report.people().stream().mapToDouble(Assessment.Person::score).average().orElse(100) * 10)
                        / 10.0,
                deadlines.stream().map(row -> new OpenDeadline((String) row[0], (String) row[1], (String) row[2],
                        Times.of(row[3]))).toList(),
                appeals.stream().map(row -> new OpenAppeal((String) row[0], (String) row[1], (String) row[2],
                        Times.of(row[3]))).toList());
    }

    private static final String OPEN_DEADLINES =
            "SELECT kind, group_id, employee_id, due_at FROM open_deadline WHERE closed_at IS NULL";
    private static final String OPEN_APPEALS =
            "SELECT rule_id, group_id, appellant, decide_by FROM open_appeal WHERE decided_at IS NULL";

    /**
     * A person's record, when the caller may see them; their violations with masked evidence, which is audited as a
     * read of evidence when the reader is someone else.
     */
    @Transactional
    public Optional<PersonRecord> person(String employeeId, Assessment.Period period, Assessment.Caller caller,
            ZoneId zone) {
        Assessment.Report report = assessment.assess(period, null, employeeId, caller, zone);
        Optional<Assessment.Person> found = report.people().stream()
                .filter(person -> person.employeeId().equals(employeeId)).findFirst();
        if (found.isEmpty() && employeeId.equals(caller.employeeId())) {
            // someone the directory does not know yet, with nothing on record, still has a (clean) record
            found = Optional.of(new Assessment.Person(employeeId, null, caller.department(), 0, Map.of(), Map.of(),
                    0, 0, 0, 0, 0, null, null, 100, 100, 0, 0, 0, null, 0, 0));
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT id, opened_at, rule_id, severity, group_id, sanction, sanction_yuan, masked_evidence,
                               reversed_at
                        FROM violation_view WHERE employee_id = ?1 AND opened_at >= ?2 AND opened_at < ?3
                        ORDER BY opened_at DESC LIMIT 200""")
                .setParameter(1, employeeId).setParameter(2, period.from()).setParameter(3, period.to())
                .getResultList();
        List<Violation> violations = rows.stream().map(row -> new Violation((UUID) row[0], Times.of(row[1]),
                (String) row[2], (String) row[3], (String) row[4], (String) row[5],
                row[6] == null ? null : ((Number) row[6]).intValue(), (String) row[7], Times.of(row[8]))).toList();
        if (!employeeId.equals(caller.employeeId()) && !violations.isEmpty()) {
            evidenceReads.record(caller.employeeId(), caller.roles(), "dashboard record of " + employeeId + " "
                    + period.from() + ".." + period.to(), violations.stream().map(v -> v.id().toString()).toList());
        }
        String ids = SqlArrays.text(List.of(employeeId));
        return Optional.of(new PersonRecord(found.get(), violations, responseTimes(period, ids)));
    }

    private List<Count> responseTimes(Assessment.Period period, String ids) {
        StringBuilder buckets = new StringBuilder();
        long previous = 0;
        List<String> keys = new ArrayList<>();
        for (long minutes : BUCKETS) {
            buckets.append(" count(*) FILTER (WHERE response_seconds > ").append(previous * 60)
                    .append(" AND response_seconds <= ").append(minutes * 60).append("),");
            keys.add(previous + "–" + minutes);
            previous = minutes;
        }
        buckets.append(" count(*) FILTER (WHERE response_seconds > ").append(previous * 60).append("),");
        keys.add("> " + previous);
        buckets.append(" count(*) FILTER (WHERE response_seconds IS NULL)");
        keys.add("—");
        jakarta.persistence.Query query = entities.createNativeQuery("SELECT" + buckets
                + " FROM response_time WHERE opened_at >= ?1 AND opened_at < ?2"
                + (ids == null ? "" : " AND employee_id IN (SELECT unnest(CAST(?3 AS text[])))"))
                .setParameter(1, period.from()).setParameter(2, period.to());
        if (ids != null) {
            query.setParameter(3, ids);
        }
        Object[] row = (Object[]) query.getSingleResult();
        List<Count> counts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            counts.add(new Count(keys.get(i), keys.get(i), ((Number) row[i]).longValue()));
        }
        return counts;
    }

    private List<GroupHealth> groupHealth(List<String> departments) {
        String scope = departments == null ? "" : " AND department_id IN (SELECT unnest(CAST(?1 AS text[])))";
        jakarta.persistence.Query query = entities.createNativeQuery("""
                SELECT group_id, name, type_id, department_id, CAST(problems AS text) FROM group_replica
                WHERE jsonb_array_length(problems) > 0 AND status IS DISTINCT FROM 'DISSOLVED'""" + scope
                + " ORDER BY name LIMIT 100");
        if (departments != null) {
            query.setParameter(1, SqlArrays.text(departments));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new GroupHealth((String) row[0], (String) row[1], (String) row[2],
                (String) row[3], problems((String) row[4]))).toList();
    }

    private static List<String> problems(String json) {
        try {
            List<String> problems = new ArrayList<>();
            io.qunguan.events.EventJson.MAPPER.readTree(json).forEach(problem -> problems.add(problem.asText()));
            return problems;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of(json);
        }
    }

    private List<Count> counts(String sql, Assessment.Period period, String ids, boolean company) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = parameters(entities.createNativeQuery(sql), period, ids, company).getResultList();
        return rows.stream().map(row -> new Count((String) row[0], (String) row[1], ((Number) row[2]).longValue()))
                .toList();
    }

    private static jakarta.persistence.Query parameters(jakarta.persistence.Query query, Assessment.Period period,
            String ids, boolean company) {
        query.setParameter(1, period.from()).setParameter(2, period.to());
        if (!company) {
            query.setParameter(3, ids);
        }
        return query;
    }
}
