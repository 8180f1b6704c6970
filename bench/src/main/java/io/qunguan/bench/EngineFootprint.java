package io.qunguan.bench;

import io.qunguan.moderation.engine.ModerationEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;

/**
 * Build time and retained heap of an engine on a 100,000-term lexicon (seeded, like the benchmark data).
 * Heap is measured as used heap after full collections, with and without the engine reachable.
 */
public final class EngineFootprint {

    private EngineFootprint() {
    }

    public static void main(String[] args) {
        int termCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path lexicon = BenchData.generate(termCount, 1).writeLexicon();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ModerationEngine.starter();
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long started = System.nanoTime();
            ModerationEngine.load(lexicon);
            best = Math.min(best, System.nanoTime() - started);
        }
        long before = usedAfterGc(memory);
        ModerationEngine engine = ModerationEngine.load(lexicon);
        long after = usedAfterGc(memory);
        System.out.printf("%d terms: build %.0f ms (best of 3), retained heap %.1f MiB; %s%n", termCount,
                best / 1e6, (after - before) / (1024.0 * 1024), engine.describe());
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
