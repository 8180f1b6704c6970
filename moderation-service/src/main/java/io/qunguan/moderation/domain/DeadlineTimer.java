package io.qunguan.moderation.domain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Fires the deadlines that fell due (BH-5, BH-7, BH-9) and reminds the deciders of late appeals (SV-6), every
 * {@code qunguan.deadlines.interval}, on every instance: rows claimed with SKIP LOCKED fire once.
 */
@ApplicationScoped
public class DeadlineTimer {

    private static final Logger LOG = Logger.getLogger(DeadlineTimer.class);

    private final Deadlines deadlines;
    private final Appeals appeals;

    public DeadlineTimer(Deadlines deadlines, Appeals appeals) {
        this.deadlines = deadlines;
        this.appeals = appeals;
    }

    @Scheduled(every = "${qunguan.deadlines.interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fire() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int missed = deadlines.fireDue(now);
        if (missed > 0) {
            LOG.infof("%d deadlines missed (BH-5, BH-7, BH-9)", missed);
        }
        int late = appeals.remindLate(now);
        if (late > 0) {
            LOG.infof("%d appeals past their decision time: deciders reminded (SV-6)", late);
        }
    }
}
