package io.qunguan.reporting.domain.assessment;

import io.qunguan.events.Severity;
import io.qunguan.reporting.domain.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The performance assessment (SV-3, 绩效考核) per person and department for a period: standing violations by severity
 * and rule (an upheld appeal takes one out and counts as upheld), fines, deadlines met and missed with the median
 * response time, and a score from HR's weights in effect on the period's first day, with the previous period's score
 * and the change. Departments roll up along the department tree: a department counts everyone in its subtree. HR and
 * auditors see the company (or a department of it), a department head their department's subtree, an employee
 * themselves.
 */
@ApplicationScoped
public class Assessment {

    /** A period and its predecessor of the same kind (the month, the quarter, or as long a range just before). */
    public record Period(OffsetDateTime from, OffsetDateTime to, OffsetDateTime previousFrom,
            OffsetDateTime previousTo) {
    }

    /** The caller: who may see whom. */
    public record Caller(String employeeId, Collection<String> roles, String department) {
    }

    /**
     * One person's figures for the period.
     *
     * @param acknowledgements      notices they were to acknowledge whose deadline passed in the period (BH-6)
     * @param acknowledgementRate   the share acknowledged in time; null when there were none
     * @param meetingsLateNotice    their meetings noticed too late or incompletely (MT-1 violations)
     * @param meetingsWithoutMinutes their meetings whose minutes did not follow (MT-2 violations)
     */
    public record Person(String employeeId, String name, String departmentId, long violations,
            Map<String, Long> bySeverity, Map<String, Long> byRule, long finesYuan, long appealsUpheld,
            long deadlines, long met, long missed, Double metShare, Double medianResponseSeconds, double score,
            double previousScore, double change, long acknowledgements, long acknowledgedInTime,
            Double acknowledgementRate, long meetingsLateNotice, long meetingsWithoutMinutes) {
    }

    /** A department with everyone in its subtree. */
    public record Department(String departmentId, String name, String parentId, long people, long violations,
            long finesYuan, long appealsUpheld, long deadlines, long missed, double averageScore,
            double previousAverageScore, double change, long acknowledgements, long acknowledgedInTime) {
    }

    /** The assessment the caller may see. */
    public record Report(OffsetDateTime from, OffsetDateTime to, OffsetDateTime previousFrom,
            OffsetDateTime previousTo, int weightsVersion, int previousWeightsVersion, List<Person> people,
            List<Department> departments) {
    }

    /** A caller asking for figures they may not see. */
    public static final class NotVisible extends RuntimeException {
        NotVisible(String message) {
            super(message);
        }
    }

    /** The raw figures of one person in one period. */
    private record Figures(String employeeId, String name, String departmentId, Map<String, Long> bySeverity,
            Map<String, Long> byRule, long finesYuan, long appealsUpheld, long deadlines, long met,
            Double medianSeconds, long acknowledgements, long acknowledgedInTime) {

        long violations() {
            return bySeverity.values().stream().mapToLong(Long::longValue).sum();
        }

        long missed() {
            return deadlines - met;
        }
    }

    private record Node(String id, String name, String parentId) {
    }

    private final EntityManager entities;
    private final Weights weights;

    public Assessment(EntityManager entities, Weights weights) {
        this.entities = entities;
        this.weights = weights;
    }

    /**
     * The assessment for {@code period}, of the company or of the subtree of {@code departmentId}, or of one
     * person; narrowed to what the caller may see ({@link NotVisible} when they ask for more).
     */
    @Transactional
    public Report assess(Period period, String departmentId, String employeeId, Caller caller, ZoneId zone) {
        Map<String, Node> tree = tree();
        boolean all = caller.roles().contains("hr") || caller.roles().contains("auditor");
        String scope = departmentId;
        String person = employeeId;
        if (!all && caller.roles().contains("dept-head") && caller.department() != null) {
            if (scope != null && !subtree(tree, caller.department()).contains(scope)) {
                throw new NotVisible("a department head sees their own department, " + caller.department()
                        + ", and the departments under it");
            }
            scope = scope == null ? caller.department() : scope;
        } else if (!all) {
            if ((person != null && !person.equals(caller.employeeId())) || departmentId != null) {
                throw new NotVisible("an employee sees their own assessment");
            }
            person = caller.employeeId();
        }
        Set<String> departments = scope == null ? null : subtree(tree, scope);
        Weights.Version current = weights.inEffectOn(period.from().atZoneSameInstant(zone).toLocalDate());
        Weights.Version previous = weights.inEffectOn(period.previousFrom().atZoneSameInstant(zone).toLocalDate());
        Map<String, Figures> now = figures(period.from(), period.to(), departments, person);
        Map<String, Figures> before = figures(period.previousFrom(), period.previousTo(), departments, person);

        List<Person> people = new ArrayList<>();
        for (Figures figures : now.values()) {
            Figures earlier = before.get(figures.employeeId());
            double score = current.weights().score(figures.bySeverity(), figures.missed(), figures.finesYuan());
            double previousScore = earlier == null ? 100 : previous.weights().score(earlier.bySeverity(),
                    earlier.missed(), earlier.finesYuan());
            people.add(new Person(figures.employeeId(), figures.name(), figures.departmentId(), figures.violations(),
                    figures.bySeverity(), figures.byRule(), figures.finesYuan(), figures.appealsUpheld(),
                    figures.deadlines(), figures.met(), figures.missed(),
                    figures.deadlines() == 0 ? null : Math.round(1000.0 * figures.met() / figures.deadlines())
                            / 1000.0, figures.medianSeconds(), score, previousScore,
                    Math.round((score - previousScore) * 10) / 10.0, figures.acknowledgements(),
                    figures.acknowledgedInTime(), figures.acknowledgements() == 0 ? null
                            : Math.round(1000.0 * figures.acknowledgedInTime() / figures.acknowledgements()) / 1000.0,
                    figures.byRule().getOrDefault("MT-1", 0L), figures.byRule().getOrDefault("MT-2", 0L)));
        }
        people.sort(Comparator.comparingDouble(Person::score).thenComparing(Person::employeeId));
        List<Department> rolledUp = person != null && !all && !caller.roles().contains("dept-head") ? List.of()
                : rollUp(tree, people, departments);
        return new Report(period.from(), period.to(), period.previousFrom(), period.previousTo(), current.version(),
                previous.version(), people, rolledUp);
    }

    private List<Department> rollUp(Map<String, Node> tree, List<Person> people, Set<String> scope) {
        Map<String, List<Person>> members = new LinkedHashMap<>();
        for (Person person : people) {
            String at = person.departmentId();
            Set<String> seen = new HashSet<>();
            while (at != null && seen.add(at) && (scope == null || scope.contains(at))) {
                members.computeIfAbsent(at, key -> new ArrayList<>()).add(person);
                Node node = tree.get(at);
                at = node == null ? null : node.parentId();
            }
        }
        List<Department> departments = new ArrayList<>();
        members.forEach((id, inIt) -> {
            Node node = tree.get(id);
            double average = Math.round(inIt.stream().mapToDouble(Person::score).average().orElse(100) * 10) / 10.0;
            double previous = Math.round(inIt.stream().mapToDouble(Person::previousScore).average().orElse(100)
                    * 10) / 10.0;
            departments.add(new Department(id, node == null ? null : node.name(), node == null ? null
                    : node.parentId(), inIt.size(), inIt.stream().mapToLong(Person::violations).sum(),
                    inIt.stream().mapToLong(Person::finesYuan).sum(),
                    inIt.stream().mapToLong(Person::appealsUpheld).sum(),
                    inIt.stream().mapToLong(Person::deadlines).sum(), inIt.stream().mapToLong(Person::missed).sum(),
                    average, previous, Math.round((average - previous) * 10) / 10.0,
                    inIt.stream().mapToLong(Person::acknowledgements).sum(),
                    inIt.stream().mapToLong(Person::acknowledgedInTime).sum()));
        });
        departments.sort(Comparator.comparingDouble(Department::averageScore).thenComparing(Department::departmentId));
        return departments;
    }

    /**
     * Everyone in scope with their figures: the active people of the directory, and whoever else has a violation or a
     * deadline in the period (a department from the deadline where the directory has none).
     */
    private Map<String, Figures> figures(OffsetDateTime from, OffsetDateTime to, Set<String> departments,
            String employee) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        WITH v AS (
                            SELECT employee_id,
                                   count(*) FILTER (WHERE reversed_at IS NULL AND severity = 'LOW') AS low,
                                   count(*) FILTER (WHERE reversed_at IS NULL AND severity = 'MEDIUM') AS medium,
                                   count(*) FILTER (WHERE reversed_at IS NULL AND severity = 'HIGH') AS high,
                                   count(*) FILTER (WHERE reversed_at IS NULL AND severity = 'CRITICAL') AS critical,
                                   COALESCE(sum(sanction_yuan) FILTER (WHERE reversed_at IS NULL
                                            AND sanction IN ('FINE', 'PENALTY_RED_PACKET')), 0) AS fines,
                                   count(*) FILTER (WHERE reversed_at IS NOT NULL) AS upheld
                            FROM violation_view WHERE opened_at >= ?1 AND opened_at < ?2 AND employee_id IS NOT NULL
                            GROUP BY employee_id),
                        r AS (
                            SELECT employee_id, max(department_id) AS department_id, count(*) AS deadlines,
                                   count(*) FILTER (WHERE met) AS met,
                                   percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) AS median
                            FROM response_time WHERE opened_at >= ?1 AND opened_at < ?2 AND employee_id IS NOT NULL
                            GROUP BY employee_id),
                        k AS (
                            SELECT employee_id, count(*) AS required,
                                   count(*) FILTER (WHERE acknowledged_at IS NOT NULL) AS in_time
                            FROM acknowledgement WHERE due_at >= ?1 AND due_at < ?2 AND employee_id IS NOT NULL
                            GROUP BY employee_id),
                        ids AS (SELECT employee_id FROM person WHERE active AND NOT external
                                UNION SELECT employee_id FROM v UNION SELECT employee_id FROM r
                                UNION SELECT employee_id FROM k)
                        SELECT ids.employee_id, p.real_name, COALESCE(p.department_id, r.department_id),
                               COALESCE(v.low, 0), COALESCE(v.medium, 0), COALESCE(v.high, 0),
                               COALESCE(v.critical, 0), COALESCE(v.fines, 0), COALESCE(v.upheld, 0),
                               COALESCE(r.deadlines, 0), COALESCE(r.met, 0), r.median,
                               COALESCE(k.required, 0), COALESCE(k.in_time, 0)
                        FROM ids LEFT JOIN person p USING (employee_id) LEFT JOIN v USING (employee_id)
                                 LEFT JOIN r USING (employee_id) LEFT JOIN k USING (employee_id)
                        WHERE (CAST(?3 AS text) IS NULL OR ids.employee_id = ?3)
                          AND (CAST(?4 AS text) IS NULL
                               OR COALESCE(p.department_id, r.department_id) IN (SELECT unnest(CAST(?4 AS text[]))))
                          AND NOT COALESCE(p.external, false)
                        ORDER BY ids.employee_id LIMIT 20000""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, employee)
                .setParameter(4, departments == null ? null : SqlArrays.text(departments)).getResultList();
        Map<String, Map<String, Long>> rules = byRule(from, to, employee);
        Map<String, Figures> figures = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String department = (String) row[2];
            if (departments != null && (department == null || !departments.contains(department))) {
                continue;
            }
            Map<String, Long> bySeverity = new LinkedHashMap<>();
            Severity[] levels = Severity.values();
            for (int i = 0; i < levels.length; i++) {
                bySeverity.put(levels[i].name(), ((Number) row[3 + i]).longValue());
            }
            String id = (String) row[0];
            figures.put(id, new Figures(id, (String) row[1], department, bySeverity,
                    rules.getOrDefault(id, Map.of()), ((Number) row[7]).longValue(), ((Number) row[8]).longValue(),
                    ((Number) row[9]).longValue(), ((Number) row[10]).longValue(),
                    row[11] == null ? null : ((Number) row[11]).doubleValue(), ((Number) row[12]).longValue(),
                    ((Number) row[13]).longValue()));
        }
        return figures;
    }

    private Map<String, Map<String, Long>> byRule(OffsetDateTime from, OffsetDateTime to, String employee) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT employee_id, rule_id, count(*) FROM violation_view
                        WHERE opened_at >= ?1 AND opened_at < ?2 AND employee_id IS NOT NULL AND reversed_at IS NULL
                          AND (CAST(?3 AS text) IS NULL OR employee_id = ?3)
                        GROUP BY employee_id, rule_id""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, employee).getResultList();
        Map<String, Map<String, Long>> rules = new HashMap<>();
        for (Object[] row : rows) {
            rules.computeIfAbsent((String) row[0], key -> new TreeMap<>()).put((String) row[1],
                    ((Number) row[2]).longValue());
        }
        return rules;
    }

    private Map<String, Node> tree() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("SELECT department_id, name, parent_id FROM department")
                .getResultList();
        Map<String, Node> tree = new HashMap<>();
        rows.forEach(row -> tree.put((String) row[0], new Node((String) row[0], (String) row[1], (String) row[2])));
        return tree;
    }

    /** The department and every department under it. */
    private static Set<String> subtree(Map<String, Node> tree, String root) {
        Map<String, List<String>> children = new HashMap<>();
        tree.values().forEach(node -> {
            if (node.parentId() != null) {
                children.computeIfAbsent(node.parentId(), key -> new ArrayList<>()).add(node.id());
            }
        });
        Set<String> subtree = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(root));
        while (!next.isEmpty()) {
            String at = next.pop();
            if (subtree.add(at)) {
                next.addAll(children.getOrDefault(at, List.of()));
            }
        }
        return subtree;
    }
}
