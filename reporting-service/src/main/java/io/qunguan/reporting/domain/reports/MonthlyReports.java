package io.qunguan.reporting.domain.reports;

import io.qunguan.eventing.Outbox;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.ReportPublished;
import io.qunguan.reporting.domain.archive.Times;
import io.qunguan.reporting.domain.assessment.Assessment;
import io.qunguan.reporting.domain.assessment.Periods;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The monthly reports (SV-1): once a month has ended — on {@code qunguan.reports.publish-day} of the next month from
 * {@code qunguan.reports.publish-hour} in the company's zone — every department with a head gets its subtree's
 * report, and HR the company's, each a {@link ReportPublished} that notification-service delivers with links to the
 * dashboard and the export. Published once: the report rows' unique key and the outbox share one transaction, so a
 * second replica, a second run or a restart publishes nothing twice.
 */
@ApplicationScoped
public class MonthlyReports {

    /** A report on file. */
    public record Report(UUID id, String period, String scope, String departmentId, String recipientId, long people,
            long violations, long finesYuan, double averageScore, double change, OffsetDateTime publishedAt) {
    }

    private final EntityManager entities;
    private final Assessment assessment;
    private final Outbox outbox;
    private final ZoneId zone;
    private final int publishDay;
    private final int publishHour;

    public MonthlyReports(EntityManager entities, Assessment assessment, Outbox outbox,
            @ConfigProperty(name = "qunguan.reporting.zone", defaultValue = "Asia/Shanghai") String zone,
            @ConfigProperty(name = "qunguan.reports.publish-day", defaultValue = "1") int publishDay,
            @ConfigProperty(name = "qunguan.reports.publish-hour", defaultValue = "9") int publishHour) {
        this.entities = entities;
        this.assessment = assessment;
        this.outbox = outbox;
        this.zone = ZoneId.of(zone);
        this.publishDay = publishDay;
        this.publishHour = publishHour;
    }

    /** The month whose reports are due at {@code now}: the last one, once its publishing moment has come. */
    public Optional<YearMonth> due(OffsetDateTime now) {
        ZonedDateTime local = now.atZoneSameInstant(zone);
        YearMonth last = YearMonth.from(local).minusMonths(1);
        ZonedDateTime publishing = last.plusMonths(1).atDay(Math.max(1, Math.min(publishDay, 28)))
                .atTime(publishHour, 0).atZone(zone);
        return local.isBefore(publishing) ? Optional.empty() : Optional.of(last);
    }

    /**
     * Publishes the reports of {@code month} that are not on file yet; returns those it published now (none when
     * every one was published before, by this replica or another).
     */
    @Transactional
    public List<Report> publish(YearMonth month) {
        String period = month.toString();
        // one replica at a time computes a month; the unique key keeps any other from publishing twice anyway
        entities.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "reports|" + period)
                .getSingleResult();
        // the company's report is filed last, in the same transaction: once it is on file, the month is done
        if (!entities.createNativeQuery("SELECT 1 FROM monthly_report WHERE period = ?1 AND scope = 'COMPANY'")
                .setParameter(1, period).getResultList().isEmpty()) {
            return List.of();
        }
        Assessment.Period of = Periods.of(period, null, null, zone);
        Assessment.Report company = assessment.assess(of, null, null,
                new Assessment.Caller("reporting-service", Set.of("hr"), null), zone);
        Map<String, String> heads = heads();
        List<Report> published = new ArrayList<>();
        for (Assessment.Department department : company.departments()) {
            String head = heads.get(department.departmentId());
            if (head != null) {
                file(period, ReportPublished.Scope.DEPARTMENT, department.departmentId(), department.name(), head,
                        department.people(), department.violations(), department.finesYuan(),
                        department.averageScore(), department.change()).ifPresent(published::add);
            }
        }
        double average = round(company.people().stream().mapToDouble(Assessment.Person::score).average()
                .orElse(100));
        double previous = round(company.people().stream().mapToDouble(Assessment.Person::previousScore)
                .average().orElse(100));
        file(period, ReportPublished.Scope.COMPANY, null, null, null, company.people().size(),
                company.people().stream().mapToLong(Assessment.Person::violations).sum(),
                company.people().stream().mapToLong(Assessment.Person::finesYuan).sum(), average,
                round(average - previous)).ifPresent(published::add);
        return published;
    }

    /** The reports on file, of a period if given: HR and auditors every one, anyone else those sent to them. */
    @Transactional
    public List<Report> list(String period, Assessment.Caller caller) {
        boolean all = caller.roles().contains("hr") || caller.roles().contains("auditor");
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT id, period, scope, department_id, recipient_id, people, violations, fines_yuan,
                               average_score, change, published_at
                        FROM monthly_report WHERE (CAST(?1 AS text) IS NULL OR period = ?1)
                          AND (?2 OR recipient_id = ?3)
                        ORDER BY period DESC, scope, department_id LIMIT 1000""")
                .setParameter(1, period).setParameter(2, all).setParameter(3, caller.employeeId()).getResultList();
        return rows.stream().map(row -> new Report((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                (String) row[4], ((Number) row[5]).longValue(), ((Number) row[6]).longValue(),
                ((Number) row[7]).longValue(), ((Number) row[8]).doubleValue(), ((Number) row[9]).doubleValue(),
                Times.of(row[10]))).toList();
    }

    private Optional<Report> file(String period, ReportPublished.Scope scope, String departmentId, String name,
            String recipient, long people, long violations, long fines, double average, double change) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int inserted = entities.createNativeQuery("""
                        INSERT INTO monthly_report (id, period, scope, department_id, recipient_id, people, violations,
                            fines_yuan, average_score, change, published_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                        ON CONFLICT (period, scope, COALESCE(department_id, '')) DO NOTHING""")
                .setParameter(1, id).setParameter(2, period).setParameter(3, scope.name())
                .setParameter(4, departmentId).setParameter(5, recipient).setParameter(6, people)
                .setParameter(7, violations).setParameter(8, fines).setParameter(9, average)
                .setParameter(10, change).setParameter(11, now).executeUpdate();
        if (inserted == 0) {
            return Optional.empty();
        }
        String scoped = departmentId == null ? "" : "&departmentId=" + URLEncoder.encode(departmentId,
                StandardCharsets.UTF_8);
        outbox.add(EventEnvelope.fresh("/reporting-service", new ReportPublished(id, period, scope, departmentId,
                name, recipient, people, violations, fines, average, change, "/dashboard?period=" + period + scoped,
                "/api/exports/assessment?format=xlsx&period=" + period + scoped, now)));
        return Optional.of(new Report(id, period, scope.name(), departmentId, recipient, people, violations, fines,
                average, change, now));
    }

    private Map<String, String> heads() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(
                "SELECT department_id, head_id FROM department WHERE head_id IS NOT NULL AND active").getResultList();
        Map<String, String> heads = new HashMap<>();
        rows.forEach(row -> heads.put((String) row[0], (String) row[1]));
        return heads;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
