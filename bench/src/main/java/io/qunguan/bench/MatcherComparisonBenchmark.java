package io.qunguan.bench;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.ignore.SensitiveWordCharIgnores;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.qunguan.moderation.engine.ModerationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import toolgood.words.IllegalWordsSearch;
import toolgood.words.WordsSearchEx2;

/**
 * The engine against the Java anchors and the floor, on the same seeded data: a 20,000-term dictionary and
 * 100,000 chat messages of 10–80 characters (see {@link BenchData}). One operation scans every message;
 * divide by {@link BenchData#characters} (printed at setup) for the time per character.
 *
 * <p>The floor is one dependent table step per character, {@code state = table[state + class[c]]}: what any
 * automaton costs at least.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class MatcherComparisonBenchmark {

    /** The data, shared by every matcher; each matcher is built only by the benchmarks that use it. */
    @State(Scope.Benchmark)
    public static class Data {
        final BenchData data = BenchData.generate(20_000, 100_000);
        final String[] messages = data.messages;
        final String[] fullScanMessages = data.withPersonalDataAndLinks();
    }

    @State(Scope.Benchmark)
    public static class Qunguan {
        ModerationEngine engine;
        String[] cleanMessages;

        @Setup(Level.Trial)
        public void setUp(Data data) {
            engine = ModerationEngine.load(data.data.writeLexicon());
            List<String> clean = new ArrayList<>();
            for (String message : data.messages) {
                if (engine.scan(message).isEmpty()) {
                    clean.add(message);
                }
            }
            cleanMessages = clean.toArray(String[]::new);
            System.out.printf("%n%d messages, %d characters, %d clean (%d characters); %s%n", data.messages.length,
                    data.data.characters, cleanMessages.length, characters(cleanMessages), engine.describe());
        }
    }

    @State(Scope.Benchmark)
    public static class HoubbDefault {
        SensitiveWordBs matcher;

        @Setup(Level.Trial)
        public void setUp(Data data) {
            matcher = SensitiveWordBs.newInstance().wordDeny(() -> data.data.terms).wordAllow(List::of).init();
        }
    }

    @State(Scope.Benchmark)
    public static class HoubbSkippingSymbols {
        SensitiveWordBs matcher;

        @Setup(Level.Trial)
        public void setUp(Data data) {
            matcher = SensitiveWordBs.newInstance().wordDeny(() -> data.data.terms).wordAllow(List::of)
                    .charIgnore(SensitiveWordCharIgnores.specialChars()).ignoreRepeat(true).init();
        }
    }

    @State(Scope.Benchmark)
    public static class Hankcs {
        AhoCorasickDoubleArrayTrie<String> matcher = new AhoCorasickDoubleArrayTrie<>();

        @Setup(Level.Trial)
        public void setUp(Data data) {
            TreeMap<String, String> map = new TreeMap<>();
            data.data.terms.forEach(term -> map.put(term, term));
            matcher.build(map);
        }
    }

    @State(Scope.Benchmark)
    public static class ToolGoodIllegal {
        IllegalWordsSearch matcher = new IllegalWordsSearch();

        @Setup(Level.Trial)
        public void setUp(Data data) {
            matcher.SetKeywords(data.data.terms);
        }
    }

    @State(Scope.Benchmark)
    public static class ToolGoodExact {
        WordsSearchEx2 matcher = new WordsSearchEx2();

        @Setup(Level.Trial)
        public void setUp(Data data) {
            matcher.SetKeywords(data.data.terms);
        }
    }

    @State(Scope.Benchmark)
    public static class Floor {
        final int[] classes = new int[65536];
        final int[] table = new int[256 * 256 + 256];

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(BenchData.SEED);
            for (int c = 0; c < classes.length; c++) {
                classes[c] = random.nextInt(256);
            }
            for (int i = 0; i < table.length; i++) {
                table[i] = random.nextInt(256) * 256;
            }
        }
    }

    static long characters(String[] messages) {
        long total = 0;
        for (String message : messages) {
            total += message.length();
        }
        return total;
    }

    @Benchmark
    public long floor(Data data, Floor floor) {
        final int[] classes = floor.classes;
        final int[] table = floor.table;
        long sum = 0;
        for (String message : data.messages) {
            int state = 0;
            for (int i = 0; i < message.length(); i++) {
                state = table[state + classes[message.charAt(i)]];
            }
            sum += state;
        }
        return sum;
    }

    /** Lexicon matching with every normalisation on; the messages hold no digits, dots or {@code @}. */
    @Benchmark
    public long qunguanKeywords(Data data, Qunguan qunguan) {
        long found = 0;
        for (String message : data.messages) {
            found += qunguan.engine.scan(message).size();
        }
        return found;
    }

    /** The full scan: lexicon, personal data and link detectors; 2 % of messages carry data or a link. */
    @Benchmark
    public long qunguanFullScan(Data data, Qunguan qunguan) {
        long found = 0;
        for (String message : data.fullScanMessages) {
            found += qunguan.engine.scan(message).size();
        }
        return found;
    }

    /** Only the messages without findings: with {@code -prof gc} this shows the allocation of a clean scan. */
    @Benchmark
    public long qunguanCleanMessages(Qunguan qunguan) {
        long found = 0;
        for (String message : qunguan.cleanMessages) {
            found += qunguan.engine.scan(message).size();
        }
        return found;
    }

    @Benchmark
    public long houbbSensitiveWordDefault(Data data, HoubbDefault houbb) {
        long found = 0;
        for (String message : data.messages) {
            found += houbb.matcher.findAll(message).size();
        }
        return found;
    }

    @Benchmark
    public long houbbSensitiveWordSkippingSymbols(Data data, HoubbSkippingSymbols houbb) {
        long found = 0;
        for (String message : data.messages) {
            found += houbb.matcher.findAll(message).size();
        }
        return found;
    }

    @Benchmark
    public long hankcsAhoCorasickDoubleArrayTrie(Data data, Hankcs hankcs) {
        long[] found = new long[1];
        AhoCorasickDoubleArrayTrie.IHit<String> count = (begin, end, value) -> found[0]++;
        for (String message : data.messages) {
            hankcs.matcher.parseText(message, count);
        }
        return found[0];
    }

    @Benchmark
    public long toolgoodIllegalWordsSearch(Data data, ToolGoodIllegal toolgood) {
        long found = 0;
        for (String message : data.messages) {
            found += toolgood.matcher.FindAll(message).size();
        }
        return found;
    }

    @Benchmark
    public long toolgoodWordsSearchEx2(Data data, ToolGoodExact toolgood) {
        long found = 0;
        for (String message : data.messages) {
            found += toolgood.matcher.FindAll(message).size();
        }
        return found;
    }
}
