package io.qunguan.moderation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    private static String run(String input, String... args) throws IOException {
        StringWriter out = new StringWriter();
        int status = Cli.run(args, new BufferedReader(new StringReader(input)), new BufferedWriter(out),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        return out.toString();
    }

    @Test
    void writesOneJsonObjectPerLineWithTheOriginalSpan() throws IOException {
        String output = run("收到\n賭*博 \"真的\"\n");
        assertEquals("""
                {"line": 1, "findings": []}
                {"line": 2, "findings": [{"category": "gambling", "rule": "CT-6", "severity": "HIGH", "start": 0, \
                "end": 3, "term": "赌博", "text": "賭*博"}]}
                """, output.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void readsALexiconDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("lexicon.properties"), "categories=projects\nprojects.rule=CT-4\nprojects.severity=HIGH\n");
        Files.writeString(dir.resolve("projects.txt"), "# code names\n凤凰计划\n");
        assertTrue(run("凤 凰 计 划启动\n", "--lexicon", dir.toString()).contains("\"term\": \"凤凰计划\""));
    }

    @Test
    void rejectsABadLexiconWithAClearMessage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("lexicon.properties"), "categories=projects\nprojects.rule=CT-4\nprojects.severity=SEVERE\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(new String[] {"--lexicon", dir.toString()}, new BufferedReader(new StringReader("")),
                new BufferedWriter(new StringWriter()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("projects.severity=SEVERE is not one of"));
    }
}
