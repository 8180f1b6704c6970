package io.qunguan.moderation.domain.clarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BH-8 measured on a labelled corpus of notices (src/test/resources/corpus/notices.tsv): what is judged unclear must
 * be unclear (precision at least 0.95), and a message that is no notice is never judged.
 */
class ClearMessagesTest {

    private static final double MIN_PRECISION = 0.95;
    private final ClearMessages clarity = new ClearMessages(ClearMessages.DEFAULT_MARKERS, 6);

    @Test
    void bh8PrecisionOnTheLabelledNoticesIsAtLeast95Percent() throws IOException {
        int truePositives = 0;
        int falsePositives = 0;
        int missed = 0;
        List<String> mistakes = new ArrayList<>();
        int total = 0;
        try (InputStream in = getClass().getResourceAsStream("/corpus/notices.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                total++;
                String[] fields = line.split("\t", 2);
                boolean unclear = fields[0].equals("unclear");
                boolean judged = clarity.judge(fields[1]).isPresent();
                if (judged && unclear) {
                    truePositives++;
                } else if (judged) {
                    falsePositives++;
                    mistakes.add("judged unclear: " + fields[1]);
                } else if (unclear) {
                    missed++;
                    mistakes.add("missed: " + fields[1]);
                }
            }
        }
        double precision = truePositives + falsePositives == 0 ? 0 : (double) truePositives
                / (truePositives + falsePositives);
        double recall = (double) truePositives / (truePositives + missed);
        System.out.printf("BH-8 on %d messages: precision %.3f, recall %.3f%n", total, precision, recall);
        mistakes.forEach(System.out::println);
        assertTrue(total >= 50, "the corpus has " + total + " messages");
        assertTrue(precision >= MIN_PRECISION, "precision " + precision + ": " + mistakes);
    }

    @Test
    void bh8SaysWhatIsUnclear() {
        assertEquals("a notice without a subject", clarity.judge("【通知】").orElseThrow().reason());
        assertEquals("no such time 25:00", clarity.judge("【通知】周五下午25:00在大会议室开会").orElseThrow().reason());
        assertEquals("no such date 2月30日", clarity.judge("【通知】2月30日起执行新的考勤制度").orElseThrow().reason());
        assertEquals("the time is left open (时间待定)", clarity.judge("【通知】明天开会，时间待定").orElseThrow().reason());
        assertTrue(clarity.judge("会议时间待定，我再确认一下").isEmpty(), "no notice, not judged");
    }
}
