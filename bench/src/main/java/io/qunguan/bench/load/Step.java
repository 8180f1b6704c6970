package io.qunguan.bench.load;

import io.qunguan.testkit.QunguanStack;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One rate for one duration, open loop: the n-th webhook is due at start + n / rate whether or not the earlier ones
 * were answered, and its latency counts from when it was due (so a stalled server is not hidden by a generator
 * that waits for it). Then the pipeline is given up to {@link #DRAIN} to empty its consumers' lag, and the step is
 * measured: answers, latencies, CPU per message of each process, memory, lag, violations end to end.
 */
final class Step {

    static final Duration DRAIN = Duration.ofSeconds(180);

    /** What a step measured. */
    record Result(String name, int rate, Duration duration, long sent, Map<Integer, Long> answers, long accepted,
            double acceptedPerSecond, Histogram webhook, Histogram decision, Histogram reporting, long sampled,
            long reportingUnseen, Map<String, Double> cpuMillisPerMessage, Map<String, Long> residentMiB,
            Map<String, Double> cpuMillisPerMessageAboveIdle, long maxLag, Map<String, Long> peakLagByGroup,
            Duration drained, long expectedViolations, Map<String, Long> moderationByRule, long reported) {

        /** A percentile of a histogram as recorded (ms for decision and reporting), NaN when it recorded nothing. */
        static double at(Histogram histogram, double percentile) {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile);
        }

        /** A percentile of the webhook histogram (µs) in ms. */
        static double ms(Histogram histogram, double percentile) {
            return at(histogram, percentile) / 1000.0;
        }

        String summaryLine() {
            return String.format("%s: %d sent, %.0f accepted/s, answers %s; webhook p50 %.1f p99 %.1f p99.9 %.1f ms; "
                    + "decision p99 %.0f ms; reporting p99 %.0f ms; max lag %d (peaks %s); drained in %d s", name,
                    sent, acceptedPerSecond, answers, ms(webhook, 50), ms(webhook, 99), ms(webhook, 99.9),
                    at(decision, 99), at(reporting, 99), maxLag, peakLagByGroup, drained.toSeconds());
        }
    }

    private final QunguanStack stack;
    private final Traffic traffic;
    private final Observers observers;
    private final String name;
    private final int rate;
    private final Duration duration;
    private final ProcessMeters meters;
    private final Map<String, Double> idleMillisPerSecond;

    Step(QunguanStack stack, Traffic traffic, Observers observers, String name, int rate, Duration duration,
            Map<String, Double> idleMillisPerSecond) {
        this.stack = stack;
        this.traffic = traffic;
        this.observers = observers;
        this.name = name;
        this.rate = rate;
        this.duration = duration;
        this.meters = new ProcessMeters(stack);
        this.idleMillisPerSecond = idleMillisPerSecond;
    }

    /**
     * CPU milliseconds per second each process spends with no traffic at all (timers, pollers, the JVM's own
     * threads): subtracted from a step's CPU, it leaves what the messages cost, the cost model's figure.
     */
    static Map<String, Double> idleCpu(QunguanStack stack, Duration over) throws InterruptedException {
        ProcessMeters meters = new ProcessMeters(stack);
        Map<String, Long> before = meters.cpuMillis();
        long start = System.nanoTime();
        Thread.sleep(over.toMillis());
        Map<String, Long> after = meters.cpuMillis();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> idle = new java.util.LinkedHashMap<>();
        after.forEach((process, millis) -> idle.put(process, (millis - before.getOrDefault(process, 0L)) / seconds));
        return idle;
    }

    Result run() throws InterruptedException {
        String webhooks = stack.service("group-service").baseUrl();
        Recorder latency = new Recorder(Traffic.TIMEOUT.toNanos() / 1000 * 2, 3);
        observers.decisions().reset();
        observers.reportings().reset();
        Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
        AtomicLong expectedViolations = new AtomicLong();
        AtomicLong sampled = new AtomicLong();
        Map<String, Long> cpuBefore = meters.cpuMillis();
        long total = rate * duration.toSeconds();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long maxLag = 0;
        Map<String, Long> peakLagByGroup = new TreeMap<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            long violating = 0;
            for (long n = 0; n < total; n++) {
                long due = start + n * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Traffic.Message message = traffic.next(name, n);
                boolean sample = message.violating() && !message.duplicate() && violating++ % 10 == 0;
                senders.submit(() -> {
                    observers.sent(message, System.currentTimeMillis(), sample);
                    int status = traffic.send(webhooks, message);
                    latency.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                    answers.computeIfAbsent(status, key -> new AtomicLong()).incrementAndGet();
                    if (status / 100 == 2) {
                        if (message.violating() && !message.duplicate()) {
                            expectedViolations.incrementAndGet();
                            if (sample) {
                                sampled.incrementAndGet();
                            }
                        }
                    } else {
                        observers.refused(message);
                    }
                });
                if (n % rate == 0) {
                    maxLag = Math.max(maxLag, observers.lag());
                    notePeaks(peakLagByGroup);
                }
            }
            senders.shutdown();
            senders.awaitTermination(Traffic.TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        }
        long sendEnd = System.nanoTime();
        // drained: every consumer caught up and every sampled violation visible in reporting (lag is sampled each
        // second, so it must read zero twice in a row)
        long deadline = sendEnd + DRAIN.toNanos();
        int zeroes = 0;
        while (System.nanoTime() < deadline && zeroes < 2) {
            maxLag = Math.max(maxLag, observers.lag());
            notePeaks(peakLagByGroup);
            zeroes = observers.lag() == 0 && observers.awaitingReporting() == 0 ? zeroes + 1 : 0;
            Thread.sleep(1000);
        }
        Duration drained = Duration.ofNanos(System.nanoTime() - sendEnd);
        Map<String, Long> cpuAfter = meters.cpuMillis();
        long accepted = answers.entrySet().stream().filter(entry -> entry.getKey() / 100 == 2)
                .mapToLong(entry -> entry.getValue().get()).sum();
        Map<String, Double> perMessage = new java.util.LinkedHashMap<>();
        Map<String, Double> aboveIdle = new java.util.LinkedHashMap<>();
        double measuredSeconds = (System.nanoTime() - start) / 1e9;
        cpuAfter.forEach((process, millis) -> {
            long used = millis - cpuBefore.getOrDefault(process, 0L);
            perMessage.put(process, accepted == 0 ? Double.NaN : used / (double) accepted);
            double idle = idleMillisPerSecond.getOrDefault(process, 0.0) * measuredSeconds;
            aboveIdle.put(process, accepted == 0 ? Double.NaN : Math.max(0, used - idle) / accepted);
        });
        Map<Integer, Long> answerCounts = new TreeMap<>();
        answers.forEach((status, count) -> answerCounts.put(status, count.get()));
        double seconds = Duration.ofNanos(sendEnd - start).toMillis() / 1000.0;
        return new Result(name, rate, duration, total, answerCounts, accepted, accepted / seconds,
                latency.getIntervalHistogram(), observers.decisions().getIntervalHistogram(),
                observers.reportings().getIntervalHistogram(), sampled.get(), observers.awaitingReporting(),
                perMessage, meters.residentMiB(), aboveIdle, maxLag, peakLags(peakLagByGroup), drained, expectedViolations.get(),
                observers.violationsOf(name), observers.reportedOf(name));
    }

    private void notePeaks(Map<String, Long> peakLagByGroup) {
        observers.lagByGroup().forEach((group, lag) -> peakLagByGroup.merge(group, lag, Math::max));
    }

    /** The consumer groups that fell behind, with their peak lag: where a step's latency comes from. */
    private static Map<String, Long> peakLags(Map<String, Long> peaks) {
        Map<String, Long> behind = new TreeMap<>();
        peaks.forEach((group, lag) -> {
            if (lag > 0) {
                behind.put(group, lag);
            }
        });
        return behind;
    }
}
