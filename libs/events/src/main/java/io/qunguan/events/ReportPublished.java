package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A period's report published by reporting-service (SV-1, SV-3): a department's to its head, the company's to HR,
 * with its headline figures and where to read and download it; notification-service delivers it.
 *
 * @param period      the period's name, e.g. {@code 2026-11}
 * @param scope       a department's report, or the company's
 * @param recipientId the department head's employee id; null for the company's report, which goes to HR's queue
 * @param pagePath    the dashboard page of the report, a path on reporting-service's public address
 * @param exportPath  its XLSX export, likewise
 */
public record ReportPublished(UUID reportId, String period, Scope scope, String departmentId, String departmentName,
        String recipientId, long people, long violations, long finesYuan, double averageScore, double change,
        String pagePath, String exportPath, OffsetDateTime publishedAt) implements EventPayload {

    public static final String TYPE = "qunguan.reporting.ReportPublished";

    /** Whose report it is. */
    public enum Scope {
        DEPARTMENT, COMPANY
    }

    public ReportPublished {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String subject() {
        return departmentId == null ? "company" : departmentId;
    }
}
