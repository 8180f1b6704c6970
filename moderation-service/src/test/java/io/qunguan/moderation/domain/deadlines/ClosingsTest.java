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
import org.junit.jupiter.api.Test;

/** What closes a task in the chat (BH-7), on the labelled {@code closings-corpus.tsv}. */
class ClosingsTest {

    @Test
    void closingWordsAreRecognisedAndPlansNegationsAndQuestionsAreNot() throws Exception {
        int done = 0;
        int notDone = 0;
        List<String> wrong = new ArrayList<>();
        try (InputStream in = ClosingsTest.class.getResourceAsStream("/closings-corpus.tsv")) {
            assertNotNull(in, "closings-corpus.tsv is a test resource");
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                boolean closing = parts[0].equals("DONE");
                done += closing ? 1 : 0;
                notDone += closing ? 0 : 1;
                if (Closings.isClosing(parts[1]) != closing) {
                    wrong.add((closing ? "missed: " : "not a closing: ") + parts[1]);
                }
            }
        }
        assertTrue(done >= 30 && notDone >= 30, done + " closings, " + notDone + " others");
        // a missed closing costs a fine nobody owed, a false one lets a stalled task through: both are mistakes here
        assertEquals(List.of(), wrong);
    }
}
