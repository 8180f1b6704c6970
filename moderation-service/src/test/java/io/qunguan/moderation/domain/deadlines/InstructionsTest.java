package io.qunguan.moderation.domain.deadlines;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What counts as a leader's task (BH-5), measured on labelled corpora: {@code instructions-corpus.tsv}, which the
 * rules were written against, and {@code instructions-heldout.tsv}, written after them and not tuned on.
 */
class InstructionsTest {

    private record Measured(int cases, double precision, double recall, List<String> wrong) {
    }

    private static Measured measure(String resource) throws Exception {
        int cases = 0;
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        List<String> wrong = new ArrayList<>();
        try (InputStream in = InstructionsTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is a test resource");
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                boolean task = parts[0].equals("TASK");
                boolean said = Instructions.isTask(parts[1]);
                cases++;
                if (said && task) {
                    truePositives++;
                } else if (said) {
                    falsePositives++;
                    wrong.add("not a task: " + parts[1]);
                } else if (task) {
                    falseNegatives++;
                    wrong.add("a task: " + parts[1]);
                }
            }
        }
        Measured measured = new Measured(cases, truePositives / (double) (truePositives + falsePositives),
                truePositives / (double) (truePositives + falseNegatives), wrong);
        System.out.printf("%s: %d cases, precision %.3f, recall %.3f, missed %s%n", resource, cases,
                measured.precision(), measured.recall(), wrong);
        return measured;
    }

    @Test
    void tasksAreRecognisedWithPrecisionOfAtLeast95Percent() throws Exception {
        Measured corpus = measure("/instructions-corpus.tsv");
        assertTrue(corpus.cases() >= 100, "a corpus of " + corpus.cases());
        assertTrue(corpus.precision() >= 0.95, "precision " + corpus.precision() + ": " + corpus.wrong());
        assertTrue(corpus.recall() >= 0.90, "recall " + corpus.recall() + ": " + corpus.wrong());
    }

    @Test
    void onCasesTheRulesWereNotWrittenAgainstPrecisionStaysAbove95Percent() throws Exception {
        Measured heldOut = measure("/instructions-heldout.tsv");
        assertTrue(heldOut.precision() >= 0.95, "precision " + heldOut.precision() + ": " + heldOut.wrong());
        // recall is reported, not required: a task the rules miss opens no deadline, it fines nobody
        assertTrue(heldOut.recall() > 0.5, "recall " + heldOut.recall() + ": " + heldOut.wrong());
    }

    @Test
    void noTextIsNoTask() {
        assertFalse(Instructions.isTask(null));
        assertFalse(Instructions.isTask("  "));
    }
}
