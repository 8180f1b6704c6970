package io.qunguan.moderation.domain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/** Fires the response deadlines that fell due (BH-5), every {@code qunguan.deadlines.interval}, on every instance. */
@ApplicationScoped
public class DeadlineTimer {

    private static final Logger LOG = Logger.getLogger(DeadlineTimer.class);

    private final Deadlines deadlines;

    public DeadlineTimer(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    @Scheduled(every = "${qunguan.deadlines.interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fire() {
        int missed = deadlines.fireDue(OffsetDateTime.now(ZoneOffset.UTC));
        if (missed > 0) {
            LOG.infof("%d response deadlines missed (BH-5)", missed);
        }
    }
}
