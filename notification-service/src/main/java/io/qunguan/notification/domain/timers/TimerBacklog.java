package io.qunguan.notification.domain.timers;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.qunguan.eventing.DatabaseGauges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;

/**
 * {@code qunguan_timers_overdue}: acknowledgement, reminder and meeting timers past due by more than a minute that
 * {@link TimerRunner} has not fired. The QunguanDeadlineBacklog alert reads it.
 */
@ApplicationScoped
public class TimerBacklog {

    void register(@Observes StartupEvent event, MeterRegistry registry, DataSource dataSource) {
        DatabaseGauges.register(registry, dataSource, "qunguan.timers.overdue",
                "Timers past due by more than a minute and not yet fired",
                "SELECT count(*) FROM timer WHERE fired_at IS NULL AND due_at < now() - interval '1 minute'");
    }
}
