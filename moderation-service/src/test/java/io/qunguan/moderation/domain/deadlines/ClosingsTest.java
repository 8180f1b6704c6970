package io.qunguan.moderation.domain.deadlines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What closes a task in the chat (BH-7) and what answers one with a plan (BH-5), on labelled corpora. */
class ClosingsTest {

    @Test
    void closingWordsAreRecognisedAndPlansNegationsAndQuestionsAreNot() throws Exception {
        List<String> wrong = mistakes("/closings-corpus.tsv", "DONE", Closings::isClosing);
        // a missed closing costs a fine nobody owed, a false one lets a stalled task through: both are mistakes here
        assertEquals(List.of(), wrong);
    }

    @Test
    void aPlanSaysWhenAndWhoAndNotThatOneCannot() throws Exception {
        assertEquals(List.of(), mistakes("/plans-corpus.tsv", "PLAN", Closings::isPlan));
    }

    private static List<String> mistakes(String resource, String positive, Predicate<String> recognised)
            throws Exception {
        int done = 0;
        int notDone = 0;
        List<String> wrong = new ArrayList<>();
        try (InputStream in = ClosingsTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is a test resource");
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                boolean closing = parts[0].equals(positive);
                done += closing ? 1 : 0;
                notDone += closing ? 0 : 1;
                if (recognised.test(parts[1]) != closing) {
                    wrong.add((closing ? "missed: " : "not one: ") + parts[1]);
                }
            }
        }
        assertTrue(done >= 15 && notDone >= 15, done + " of " + positive + ", " + notDone + " others");
        return wrong;
    }
}
