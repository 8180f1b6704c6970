package io.qunguan.moderation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The automaton finds exactly what a naive substring search finds, on random lexicons and texts. */
class TermAutomatonTest {

    private static final String ALPHABET = "赌博彩网刷单返利代开发票色情";

    @Test
    void agreesWithNaiveSearch(@TempDir Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 30; round++) {
            List<String> terms = new ArrayList<>();
            StringBuilder properties = new StringBuilder("categories=");
            for (int t = 0; t < 12; t++) {
                String term = randomText(random, 1 + random.nextInt(4));
                if (terms.contains(term)) {
                    continue;
                }
                terms.add(term);
                properties.append(terms.size() == 1 ? "" : ",").append("c").append(terms.size() - 1);
            }
            properties.append('\n');
            for (int t = 0; t < terms.size(); t++) {
                properties.append("c").append(t).append(".rule=CT-6\nc").append(t).append(".severity=LOW\n");
                Files.writeString(dir.resolve("c" + t + ".txt"), terms.get(t) + "\n", StandardCharsets.UTF_8);
            }
            Files.writeString(dir.resolve("lexicon.properties"), properties, StandardCharsets.UTF_8);
            ModerationEngine engine = ModerationEngine.load(dir);
            for (int m = 0; m < 200; m++) {
                String text = randomText(random, random.nextInt(30));
                TreeSet<String> expected = new TreeSet<>();
                for (String term : terms) {
                    for (int at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
                        expected.add(term + "@" + at + "-" + (at + term.length()));
                    }
                }
                TreeSet<String> found = new TreeSet<>();
                engine.scan(text).forEach(f -> found.add(f.term() + "@" + f.start() + "-" + f.end()));
                assertEquals(expected, found, () -> "terms " + terms + " text " + text);
            }
        }
    }

    /** Random text without two equal neighbours: repeated characters collapse by design. */
    private static String randomText(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            if (text.isEmpty() || text.charAt(text.length() - 1) != c) {
                text.append(c);
            }
        }
        return text.toString();
    }
}
