package io.qunguan.notification.domain.timers;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Fires due timers one transaction each; a timer whose handler fails is put off a while, never lost. */
@ApplicationScoped
public class TimerRunner {

    private static final Logger LOG = Logger.getLogger(TimerRunner.class);
    /** Timers fired per run at most, so one run never holds the scheduler thread for long. */
    static final int MAX_PER_RUN = 500;

    private final Timers timers;
    private final MeterRegistry registry;

    public TimerRunner(Timers timers, MeterRegistry registry) {
        this.timers = timers;
        this.registry = registry;
    }

    @Scheduled(every = "${qunguan.notifications.timer-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRun() {
        runDue(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Fires the timers due at {@code now}; returns how many fired. */
    public int runDue(OffsetDateTime now) {
        int fired = 0;
        while (fired < MAX_PER_RUN) {
            Optional<String> kind;
            try {
                kind = timers.fireNext(now);
            } catch (Timers.FailedException e) {
                LOG.warnf(e, "a due timer failed; it is tried again in %s", Timers.RETRY_AFTER);
                timers.postpone(e.timerId());
                registry.counter("qunguan.notifications.timer.failures").increment();
                continue;
            }
            if (kind.isEmpty()) {
                break;
            }
            registry.counter("qunguan.notifications.timers.fired", "kind", kind.get()).increment();
            fired++;
        }
        return fired;
    }
}
