package io.qunguan.group.domain.groups;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Runs due platform actions: claims one, calls the platform outside any transaction (a slow platform holds no
 * database lock), records the outcome in its own transaction, and so on. Any number of instances may run it.
 */
@ApplicationScoped
public class PlatformActionRunner {

    private static final Logger LOG = Logger.getLogger(PlatformActionRunner.class);
    static final int PER_RUN = 500;

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

    /**
     * Attempts the actions due at {@code now}, each at most once and at most {@link #PER_RUN} in all (the next run
     * takes the rest), one after another; each is claimed just before its call, so its lease starts then. Returns
     * how many attempts were made.
     */
    public int runDue(OffsetDateTime now) {
        Set<Long> attempted = new HashSet<>();
        Optional<PlatformActions.Claimed> next;
        while (attempted.size() < PER_RUN && (next = actions.claimNext(now, latest(now), attempted)).isPresent()) {
            PlatformActions.Claimed claimed = next.get();
            attempted.add(claimed.id());
            ChatAdministration.Outcome outcome = admin.carryOut(claimed.request());
            PlatformAction recorded = actions.record(claimed.id(), claimed.attempt(), outcome,
                    OffsetDateTime.now(ZoneOffset.UTC));
            registry.counter("qunguan.platform.actions", "platform", claimed.request().platform().id(),
                    "kind", claimed.request().action().name(), "outcome", outcome.status().name()).increment();
            if (recorded != null && recorded.status != PlatformAction.Status.DONE) {
                LOG.infof("platform action %d (%s on %s) attempt %d: %s %s", claimed.id(),
                        claimed.request().action(), claimed.request().platform(), claimed.attempt(), outcome.status(),
                        outcome.detail());
            }
        }
        return attempted.size();
    }

    /** The clock's time, or {@code now} when a caller runs the actions due at a later moment. */
    private static OffsetDateTime latest(OffsetDateTime now) {
        OffsetDateTime clock = OffsetDateTime.now(ZoneOffset.UTC);
        return clock.isAfter(now) ? clock : now;
    }
}
