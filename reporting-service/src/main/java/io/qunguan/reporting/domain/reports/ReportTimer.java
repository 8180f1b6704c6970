package io.qunguan.reporting.domain.reports;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Checks every {@code qunguan.reports.check-every} whether last month's reports are due, and publishes them (SV-1). */
@ApplicationScoped
public class ReportTimer {

    private final MonthlyReports reports;

    public ReportTimer(MonthlyReports reports) {
        this.reports = reports;
    }

    @Scheduled(every = "${qunguan.reports.check-every:10m}", delayed = "${qunguan.reports.check-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        reports.due(OffsetDateTime.now(ZoneOffset.UTC)).ifPresent(month -> {
            int published = reports.publish(month).size();
            if (published > 0) {
                Log.infof("monthly reports of %s: %d published", month, published);
            }
        });
    }
}
