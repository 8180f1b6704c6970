package io.qunguan.bench.load;

import io.qunguan.local.LocalOutboxes;
import io.qunguan.testkit.QunguanStack;
import io.qunguan.testkit.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The load harness (issue 19): the four packaged services with production's JVM settings on a real KRaft broker and
 * PostgreSQL, driven open-loop at fixed rates with signed generic webhooks; one step per rate, each measured
 * ({@link Step}) and written to {@code bench/target/load/report.md}.
 *
 * <pre>
 *   bench/load/run [--rates 50,100,200] [--seconds 60] [--warmup 60] [--chats 300] [--violating 0.1]
 *                  [--duplicates 0.01] [--jfr true]
 * </pre>
 */
public final class LoadRun {

    /** How long the idle CPU is measured, after the warm-up has drained. */
    private static final Duration IDLE = Duration.ofSeconds(15);

    /** What a run is asked to do. */
    record Options(List<Integer> rates, Duration warmup, Duration duration, int chats, double violating,
            double duplicates, boolean flightRecordings) {

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value, got " + args[i]);
                }
                given.put(args[i].substring(2), args[++i]);
            }
            List<Integer> rates = new ArrayList<>();
            for (String rate : given.getOrDefault("rates", "50,100,200").split(",")) {
                rates.add(Integer.parseInt(rate.strip()));
            }
            Options options = new Options(rates, Duration.ofSeconds(Long.parseLong(given.getOrDefault("warmup", "60"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("seconds", "60"))),
                    Integer.parseInt(given.getOrDefault("chats", "300")),
                    Double.parseDouble(given.getOrDefault("violating", "0.1")),
                    Double.parseDouble(given.getOrDefault("duplicates", "0.01")),
                    Boolean.parseBoolean(given.getOrDefault("jfr", "false")));
            given.keySet().removeAll(List.of("rates", "warmup", "seconds", "chats", "violating", "duplicates",
                    "jfr"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + given.keySet());
            }
            return options;
        }
    }

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = Path.of("").toAbsolutePath();
        Path work = QunguanStack.workDir(root.resolve("bench/target/load/runs"), "run-");
        Tokens.generateKeyPair(work.resolve("keys"));
        String secret = UUID.randomUUID().toString();
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> jvm = new ArrayList<>(QunguanStack.productionJvm(root));
        if (options.flightRecordings()) {
            // where the CPU goes, per service: jfr view hot-methods <file> (the file names carry the pid)
            jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + work.resolve("jfr-%p.jfr"));
        }
        say("starting the services with " + String.join(" ", jvm) + "; logs in " + work);
        try (LocalOutboxes outboxes = LocalOutboxes.start();
                QunguanStack stack = QunguanStack.start(new QunguanStack.Settings(root, work, "ld" + run + ".",
                        work.resolve("keys/public.pem"), secret, QunguanStack.services(0, "qg_load_" + run + "_"),
                        true, outboxes.config(), jvm))) {
            List<Step.Result> results = new ArrayList<>();
            Map<String, Double> idle;
            Traffic traffic = new Traffic(secret, run, options);
            try (Observers observers = Observers.start(stack, run)) {
                // production's JVM compiles with C2: the first minute measures the compiler, not the services
                say("warming up for " + options.warmup().toSeconds() + " s at " + options.rates().get(0) + " msg/s");
                new Step(stack, traffic, observers, "warmup", options.rates().get(0), options.warmup(), Map.of())
                        .run();
                idle = Step.idleCpu(stack, IDLE);
                say("idle CPU, ms per second: " + idle);
                for (int rate : options.rates()) {
                    say("step: " + rate + " msg/s for " + options.duration().toSeconds() + " s");
                    Step.Result result = new Step(stack, traffic, observers, "r" + rate, rate, options.duration(), idle)
                            .run();
                    results.add(result);
                    say(result.summaryLine());
                }
            }
            String report = Report.markdown(options, jvm, results, idle, OffsetDateTime.now());
            Path out = root.resolve("bench/target/load/report.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println(report);
            say("report: " + out);
        }
    }

    static void say(String line) {
        System.out.println("[load] " + line);
    }
}
