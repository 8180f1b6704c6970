package io.qunguan.moderation.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.qunguan.eventing.DatabaseGauges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;

/**
 * {@code qunguan_timers_overdue}: open response deadlines (BH-5, BH-7, BH-9) past due by more than a minute, which
 * {@link DeadlineTimer} has not fired — its runs fail, or no instance runs them. The QunguanDeadlineBacklog alert reads
 * it.
 */
@ApplicationScoped
public class DeadlineBacklog {

    void register(@Observes StartupEvent event, MeterRegistry registry, DataSource dataSource) {
        DatabaseGauges.register(registry, dataSource, "qunguan.timers.overdue",
                "Response deadlines past due by more than a minute and not yet fired",
                "SELECT count(*) FROM response_deadline WHERE status = 'OPEN' AND due_at < now() - interval '1 minute'");
    }
}
