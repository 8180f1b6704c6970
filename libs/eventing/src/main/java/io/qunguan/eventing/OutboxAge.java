package io.qunguan.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;

/**
 * {@code qunguan_outbox_oldest_seconds}: how long the oldest event not yet relayed has waited, 0 when none waits. The
 * QunguanOutboxOld alert reads it.
 */
@ApplicationScoped
public class OutboxAge {

    void register(@Observes StartupEvent event, MeterRegistry registry, DataSource dataSource) {
        // the head of the queue the relay sends in order, found by its primary key
        DatabaseGauges.register(registry, dataSource, "qunguan.outbox.oldest.seconds",
                "Seconds the oldest event in the outbox has waited to be relayed",
                "SELECT greatest(0, extract(epoch FROM now() - created_at)) FROM outbox_event ORDER BY seq LIMIT 1");
    }
}
