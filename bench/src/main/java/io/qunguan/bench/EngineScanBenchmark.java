package io.qunguan.bench;

import io.qunguan.moderation.engine.Finding;
import io.qunguan.moderation.engine.ModerationEngine;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scanning chat messages with the starter lexicon: seeded messages of 10–80 characters, about 2 % of them
 * carrying a lexicon term or an ID number. Reports the time per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineScanBenchmark {

    private static final String FILLER = "收到明天上午十点开会请准时参加项目进度更新客户需求已确认周报下班前提交谢谢大家辛苦了";
    private static final String[] HITS = {"网赌", "刷单返利", "11010519491231002X", "脑残", "机密文件"};

    private ModerationEngine engine;
    private String[] messages;
    private int next;

    @Setup
    public void setUp() {
        engine = ModerationEngine.starter();
        SplittableRandom random = new SplittableRandom(20261120L);
        messages = new String[10_000];
        for (int i = 0; i < messages.length; i++) {
            StringBuilder message = new StringBuilder();
            int length = 10 + random.nextInt(71);
            while (message.length() < length) {
                message.append(FILLER.charAt(random.nextInt(FILLER.length())));
            }
            if (random.nextInt(100) < 2) {
                message.insert(random.nextInt(message.length()), HITS[random.nextInt(HITS.length)]);
            }
            messages[i] = message.toString();
        }
    }

    @Benchmark
    public List<Finding> scanOneMessage() {
        String message = messages[next];
        next = (next + 1) % messages.length;
        return engine.scan(message);
    }
}
