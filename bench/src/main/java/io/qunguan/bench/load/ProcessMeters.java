package io.qunguan.bench.load;

import io.qunguan.testkit.QunguanStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of the run's processes from /proc (Linux): the four services, the broker, every
 * PostgreSQL process (the server and its backends) and the load generator itself.
 */
final class ProcessMeters {

    /** Clock ticks a second of /proc/[pid]/stat's utime and stime; 100 on Linux for x86 and arm. */
    private static final long TICKS_PER_SECOND = 100;

    private final Map<String, Supplier<List<Long>>> processes = new LinkedHashMap<>();

    ProcessMeters(QunguanStack stack) {
        for (String service : List.of("group-service", "moderation-service", "notification-service",
                "reporting-service")) {
            processes.put(service, () -> pidList(stack.service(service).pid()));
        }
        processes.put("kafka", () -> pidList(stack.kafka().pid()));
        processes.put("postgresql", ProcessMeters::postgresPids);
        processes.put("load generator", () -> List.of(ProcessHandle.current().pid()));
    }

    /** CPU milliseconds each process (group) has used since it started. */
    Map<String, Long> cpuMillis() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        processes.forEach((name, pids) -> cpu.put(name, pids.get().stream().mapToLong(ProcessMeters::cpuMillisOf)
                .sum()));
        return cpu;
    }

    /** Resident memory of each process (group), MiB. */
    Map<String, Long> residentMiB() {
        Map<String, Long> rss = new LinkedHashMap<>();
        processes.forEach((name, pids) -> rss.put(name, pids.get().stream().mapToLong(ProcessMeters::rssKiB).sum()
                / 1024));
        return rss;
    }

    private static List<Long> pidList(java.util.OptionalLong pid) {
        return pid.isPresent() ? List.of(pid.getAsLong()) : List.of();
    }

    private static List<Long> postgresPids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(path -> {
                        try {
                            if (Files.readString(path.resolve("comm")).strip().equals("postgres")) {
                                pids.add(Long.parseLong(path.getFileName().toString()));
                            }
                        } catch (IOException e) {
                            // the process ended while we looked
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("/proc cannot be read", e);
        }
        return pids;
    }

    private static long cpuMillisOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // after the command's closing parenthesis: state is field 3, utime 14, stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // the process ended while we looked
        }
        return 0;
    }
}
