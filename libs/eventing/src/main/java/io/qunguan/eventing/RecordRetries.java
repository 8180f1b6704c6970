package io.qunguan.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.qunguan.events.EventJson;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * How a consumer handles one record. A transient failure (PostgreSQL or Kafka out of reach, a lock or serialisation
 * conflict: {@link TransientFailures}) is waited out, with backoff, for as long as it lasts: the record is not
 * acknowledged, so the partition waits behind it and nothing is dead-lettered. Any other failure is tried
 * {@code attempts} times and then thrown, and the channel sends the record to its consumer group's dead-letter
 * topic; a malformed record, or one the domain refuses, is thrown at once.
 *
 * <p>While a consumer waits, {@code qunguan_consumer_waiting_seconds{consumer}} says for how long.
 */
@ApplicationScoped
public class RecordRetries {

    private static final Logger LOG = Logger.getLogger(RecordRetries.class);
    static final int ATTEMPTS = 3;
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final MeterRegistry registry;
    private final Duration firstBackoff;
    private final Duration longestBackoff;
    /** Per consumer: since when (nanoTime) it waits on a transient failure, 0 when it does not. */
    private final Map<String, AtomicLong> waitingSince = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @Inject
    public RecordRetries(MeterRegistry registry) {
        this(registry, Duration.ofMillis(200), Duration.ofSeconds(15));
    }

    RecordRetries(MeterRegistry registry, Duration firstBackoff, Duration longestBackoff) {
        this.registry = registry;
        this.firstBackoff = firstBackoff;
        this.longestBackoff = longestBackoff;
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Runs {@code handling} until it succeeds, waiting out transient failures.
     *
     * @param refused failures that say the record itself is wrong, thrown at once like a malformed record
     * @throws RuntimeException the last failure of a record that cannot be handled
     */
    @SafeVarargs
    public final void run(String consumer, Runnable handling, Class<? extends RuntimeException>... refused) {
        run(consumer, handling, ATTEMPTS, refused);
    }

    /**
     * Runs {@code handling} until it succeeds, waiting out transient failures like {@link #run}, but throws the first
     * failure of any other kind: the caller ({@link RecordBatches}) then finds the record at fault one by one.
     */
    public void runWaitingOutTransient(String consumer, Runnable handling) {
        run(consumer, handling, 1);
    }

    @SafeVarargs
    private void run(String consumer, Runnable handling, int attempts, Class<? extends RuntimeException>... refused) {
        int failedAttempts = 0;
        long firstTransient = 0;
        long lastLogged = 0;
        Duration backoff = firstBackoff;
        while (true) {
            try {
                handling.run();
                if (firstTransient != 0) {
                    LOG.infof("%s: handled the record after waiting %d s for the database or the broker", consumer,
                            Duration.ofNanos(System.nanoTime() - firstTransient).toSeconds());
                    waiting(consumer).set(0);
                }
                return;
            } catch (RuntimeException failure) {
                if (failure instanceof EventJson.MalformedEventException || isAny(failure, refused)) {
                    throw failure;
                }
                if (!TransientFailures.isTransient(failure)) {
                    if (++failedAttempts >= attempts) {
                        waiting(consumer).set(0);
                        throw failure;
                    }
                } else {
                    long now = System.nanoTime();
                    if (firstTransient == 0) {
                        firstTransient = now;
                        waiting(consumer).set(now);
                        registry.counter("qunguan.consumer.transient.failures", "consumer", consumer).increment();
                    }
                    if (lastLogged == 0 || now - lastLogged >= LOG_EVERY.toNanos()) {
                        lastLogged = now;
                        LOG.warnf("%s: waiting for the database or the broker (%d s so far): %s", consumer,
                                Duration.ofNanos(now - firstTransient).toSeconds(), TransientFailures.describe(failure));
                    }
                }
                pause(stopping ? longestBackoff : backoff);
                backoff = backoff.multipliedBy(2).compareTo(longestBackoff) > 0 ? longestBackoff
                        : backoff.multipliedBy(2);
            }
        }
    }

    private AtomicLong waiting(String consumer) {
        return waitingSince.computeIfAbsent(consumer, name -> {
            AtomicLong since = new AtomicLong();
            registry.gauge("qunguan.consumer.waiting.seconds", Tags.of("consumer", name),
                    since, value -> value.get() == 0 ? 0 : (System.nanoTime() - value.get()) / 1e9);
            return since;
        });
    }

    private static boolean isAny(RuntimeException failure, Class<? extends RuntimeException>[] types) {
        for (Class<? extends RuntimeException> type : types) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // Shutting down. Throwing would dead-letter a record that did nothing wrong; it stays unacknowledged
            // instead, and is redelivered to whichever instance consumes the partition next.
            LOG.debug("interrupted while waiting to handle a record; waiting on until the process ends");
        }
    }
}
