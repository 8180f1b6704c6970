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
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class MatcherComparisonBenchmark {

    private String[] messages;
    private String[] fullScanMessages;
    private String[] cleanMessages;
    private ModerationEngine engine;
    private SensitiveWordBs houbbDefault;
    private SensitiveWordBs houbbSkippingSymbols;
    private AhoCorasickDoubleArrayTrie<String> hankcs;
    private IllegalWordsSearch toolgoodIllegal;
    private WordsSearchEx2 toolgoodExact;
    private int[] floorClass;
    private int[] floorTable;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData data = BenchData.generate(20_000, 100_000);
        messages = data.messages;
        fullScanMessages = data.withPersonalDataAndLinks();
        engine = ModerationEngine.load(data.writeLexicon());
        List<String> clean = new ArrayList<>();
        for (String message : messages) {
            if (engine.scan(message).isEmpty()) {
                clean.add(message);
            }
        }
        cleanMessages = clean.toArray(String[]::new);
        System.out.printf("%n%d messages, %d characters, %d clean; %s%n", messages.length, data.characters,
                cleanMessages.length, engine.describe());

        List<String> terms = data.terms;
        houbbDefault = SensitiveWordBs.newInstance().wordDeny(() -> terms).wordAllow(List::of).init();
        houbbSkippingSymbols = SensitiveWordBs.newInstance().wordDeny(() -> terms).wordAllow(List::of)
                .charIgnore(SensitiveWordCharIgnores.specialChars()).ignoreRepeat(true).init();
        TreeMap<String, String> map = new TreeMap<>();
        terms.forEach(term -> map.put(term, term));
        hankcs = new AhoCorasickDoubleArrayTrie<>();
        hankcs.build(map);
        toolgoodIllegal = new IllegalWordsSearch();
        toolgoodIllegal.SetKeywords(terms);
        toolgoodExact = new WordsSearchEx2();
        toolgoodExact.SetKeywords(terms);

        SplittableRandom random = new SplittableRandom(BenchData.SEED);
        floorClass = new int[65536];
        for (int c = 0; c < floorClass.length; c++) {
            floorClass[c] = random.nextInt(256);
        }
        floorTable = new int[256 * 256 + 256];
        for (int i = 0; i < floorTable.length; i++) {
            floorTable[i] = random.nextInt(256) * 256;
        }
    }

    @Benchmark
    public long floor() {
        final int[] classes = floorClass;
        final int[] table = floorTable;
        long sum = 0;
        for (String message : messages) {
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
    public long qunguanKeywords() {
        long found = 0;
        for (String message : messages) {
            found += engine.scan(message).size();
        }
        return found;
    }

    /** The full scan: lexicon, personal data and link detectors; 2 % of messages carry data or a link. */
    @Benchmark
    public long qunguanFullScan() {
        long found = 0;
        for (String message : fullScanMessages) {
            found += engine.scan(message).size();
        }
        return found;
    }

    /** Only the messages without findings: with {@code -prof gc} this shows the allocation of a clean scan. */
    @Benchmark
    public long qunguanCleanMessages() {
        long found = 0;
        for (String message : cleanMessages) {
            found += engine.scan(message).size();
        }
        return found;
    }

    @Benchmark
    public long houbbSensitiveWordDefault() {
        long found = 0;
        for (String message : messages) {
            found += houbbDefault.findAll(message).size();
        }
        return found;
    }

    @Benchmark
    public long houbbSensitiveWordSkippingSymbols() {
        long found = 0;
        for (String message : messages) {
            found += houbbSkippingSymbols.findAll(message).size();
        }
        return found;
    }

    @Benchmark
    public long hankcsAhoCorasickDoubleArrayTrie() {
        long[] found = new long[1];
        AhoCorasickDoubleArrayTrie.IHit<String> count = (begin, end, value) -> found[0]++;
        for (String message : messages) {
            hankcs.parseText(message, count);
        }
        return found[0];
    }

    @Benchmark
    public long toolgoodIllegalWordsSearch() {
        long found = 0;
        for (String message : messages) {
            found += toolgoodIllegal.FindAll(message).size();
        }
        return found;
    }

    @Benchmark
    public long toolgoodWordsSearchEx2() {
        long found = 0;
        for (String message : messages) {
            found += toolgoodExact.FindAll(message).size();
        }
        return found;
    }
}
