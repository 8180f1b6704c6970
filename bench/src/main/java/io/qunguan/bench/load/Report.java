package io.qunguan.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The run's figures as Markdown: the machine, the command, a table per measure, and which steps met the targets. */
final class Report {

    /** Issue 19's bounds, at the rate: webhook p99, webhook → moderation decision p99, → visible in reporting p99. */
    static final double WEBHOOK_P99_MS = 100;
    static final double DECISION_P99_MS = 250;
    static final double REPORTING_P99_MS = 1000;

    private Report() {
    }

    static String markdown(LoadRun.Options options, List<String> jvm, List<Step.Result> results,
            Map<String, Double> idle, OffsetDateTime at) {
        StringBuilder out = new StringBuilder();
        out.append("# Load run ").append(at.withNano(0)).append("\n\n");
        out.append("Machine: ").append(machine()).append("; JVM ").append(System.getProperty("java.version"))
                .append(", services with `").append(String.join(" ", jvm)).append("`.\n");
        out.append(String.format("Traffic: %d chats of 50 members, %.0f %% violating (CT-4), %.0f %% repeated "
                + "deliveries, %d s a step after a %d s warm-up; every 10th violation sampled for reporting "
                + "(polled every %d ms).%n%n", options.chats(), options.violating() * 100, options.duplicates() * 100,
                options.duration().toSeconds(), options.warmup().toSeconds(), Observers.REPORTING_POLL.toMillis()));
        out.append("| offered msg/s | accepted/s | answers | webhook p50 / p99 / p99.9 ms | decision p50 / p99 ms "
                + "| reporting p50 / p99 ms | max lag | drained | violations expected / moderation / reporting "
                + "| within bounds |\n|---|---|---|---|---|---|---|---|---|---|\n");
        Integer best = null;
        for (Step.Result result : results) {
            double webhook99 = Step.Result.ms(result.webhook(), 99);
            double decision99 = Step.Result.at(result.decision(), 99);
            double reporting99 = Step.Result.at(result.reporting(), 99);
            long ct4 = result.moderationByRule().getOrDefault("CT-4", 0L);
            boolean within = webhook99 <= WEBHOOK_P99_MS && decision99 <= DECISION_P99_MS
                    && reporting99 <= REPORTING_P99_MS && result.accepted() == result.sent()
                    && result.reportingUnseen() == 0 && ct4 == result.expectedViolations();
            if (within) {
                best = result.rate();
            }
            out.append(String.format("| %d | %.0f | %s | %.1f / %.1f / %.1f | %.0f / %.0f | %.0f / %.0f | %d | %d s "
                    + "| %d / %s / %d | %s |%n", result.rate(), result.acceptedPerSecond(), result.answers(),
                    Step.Result.ms(result.webhook(), 50), webhook99, Step.Result.ms(result.webhook(), 99.9),
                    Step.Result.at(result.decision(), 50), decision99, Step.Result.at(result.reporting(), 50), reporting99,
                    result.maxLag(), result.drained().toSeconds(), result.expectedViolations(),
                    result.moderationByRule(), result.reported(), within ? "yes" : "no"));
        }
        out.append("\nConsumer groups that fell behind, peak lag in records (committed offsets, sampled each second):\n\n");
        for (Step.Result result : results) {
            out.append(String.format("- %d msg/s: %s%n", result.rate(),
                    result.peakLagByGroup().isEmpty() ? "none" : result.peakLagByGroup()));
        }
        out.append("\nCPU milliseconds per accepted message (from the step's start until its lag drained):\n\n");
        appendTable(out, results, Step.Result::cpuMillisPerMessage, true);
        out.append("\nIdle CPU before the steps, ms per second (timers, pollers, the JVMs' own threads): ");
        idle.forEach((process, millis) -> out.append(String.format("%s %.0f; ", process, millis)));
        out.append("\n\nCPU milliseconds per accepted message above idle (the cost model: 1,000 / this is the "
                + "messages per second one core carries for that process):\n\n");
        appendTable(out, results, Step.Result::cpuMillisPerMessageAboveIdle, true);
        out.append("\nResident memory after the step, MiB (PostgreSQL's sums its processes, so its shared buffers "
                + "count once per backend):\n\n");
        appendTable(out, results, Step.Result::residentMiB, false);
        out.append("\nHighest rate within the bounds (webhook p99 ≤ ").append((int) WEBHOOK_P99_MS)
                .append(" ms, decision p99 ≤ ").append((int) DECISION_P99_MS).append(" ms, reporting p99 ≤ ")
                .append((int) REPORTING_P99_MS).append(" ms, every webhook accepted, every violation projected): ")
                .append(best == null ? "none of the steps" : best + " msg/s").append(".\n");
        return out.toString();
    }

    private static void appendTable(StringBuilder out, List<Step.Result> results,
            Function<Step.Result, Map<String, ? extends Number>> figures, boolean cpu) {
        List<String> processes = List.copyOf(results.get(0).cpuMillisPerMessage().keySet());
        out.append("| offered msg/s | ").append(String.join(" | ", processes)).append(cpu ? " | total |\n" : " |\n");
        out.append("|---".repeat(processes.size() + (cpu ? 2 : 1))).append("|\n");
        for (Step.Result result : results) {
            out.append("| ").append(result.rate());
            double total = 0;
            Map<String, ? extends Number> figuresOfStep = figures.apply(result);
            for (String process : processes) {
                Number value = figuresOfStep.get(process);
                if (cpu) {
                    double millis = value == null ? Double.NaN : value.doubleValue();
                    total += millis;
                    out.append(String.format(" | %.2f", millis));
                } else {
                    out.append(" | ").append(value == null ? 0 : value.longValue());
                }
            }
            out.append(cpu ? String.format(" | %.2f |%n", total) : " |\n");
        }
    }

    private static String machine() {
        String model = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux: the model stays unknown
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + ")";
    }
}
