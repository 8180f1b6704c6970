package io.qunguan.group.domain.groups;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs due platform actions: claims a batch, calls the platforms outside any transaction (a slow platform holds no
 * database lock), records each outcome in its own transaction. Any number of instances may run it.
 */
@ApplicationScoped
public class PlatformActionRunner {

    private static final Logger LOG = Logger.getLogger(PlatformActionRunner.class);
    static final int BATCH = 20;

    private final PlatformActions actions;
    private final ChatAdministration admin;
    private final MeterRegistry registry;

    public PlatformActionRunner(PlatformActions actions, ChatAdministration admin, MeterRegistry registry) {
        this.actions = actions;
        this.admin = admin;
        this.registry = registry;
    }

    @Scheduled(every = "${qunguan.platform-actions.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRun() {
        runDue(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Attempts every action due at {@code now}, batch after batch; returns how many attempts were made. */
    public int runDue(OffsetDateTime now) {
        int attempted = 0;
        List<PlatformActions.Claimed> batch;
        do {
            batch = actions.claimDue(now, BATCH);
            for (PlatformActions.Claimed claimed : batch) {
                ChatAdministration.Outcome outcome = admin.carryOut(claimed.request());
                PlatformAction recorded = actions.record(claimed.id(), outcome, OffsetDateTime.now(ZoneOffset.UTC));
                registry.counter("qunguan.platform.actions", "platform", claimed.request().platform().id(),
                        "kind", claimed.request().action().name(), "outcome", outcome.status().name()).increment();
                if (recorded != null && recorded.status != PlatformAction.Status.DONE) {
                    LOG.infof("platform action %d (%s on %s) attempt %d: %s %s", claimed.id(),
                            claimed.request().action(), claimed.request().platform(), claimed.attempt(), outcome.status(),
                            outcome.detail());
                }
                attempted++;
            }
        } while (batch.size() == BATCH);
        return attempted;
    }
}
