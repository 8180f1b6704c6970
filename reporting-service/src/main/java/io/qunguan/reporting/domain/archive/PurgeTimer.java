package io.qunguan.reporting.domain.archive;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Runs the archive's retention purge (IS-1) every {@code qunguan.archive.purge-every}; one replica at a time. */
@ApplicationScoped
public class PurgeTimer {

    private final Retention retention;

    public PurgeTimer(Retention retention) {
        this.retention = retention;
    }

    @Scheduled(every = "${qunguan.archive.purge-every:1h}", delayed = "${qunguan.archive.purge-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Retention.Purged purged = retention.purge(OffsetDateTime.now(ZoneOffset.UTC));
        if (purged.deleted() > 0) {
            Log.infof("archive purge: %d messages past their retention deleted in %d batches", purged.deleted(),
                    purged.batches());
        }
    }
}
