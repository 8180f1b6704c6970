package io.qunguan.moderation.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qunguan.moderation.engine.Finding;
import io.qunguan.moderation.engine.ModerationEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lexicon hot reload (CT-4): a company adds a project code name and it is caught without a restart. */
class CurrentLexiconTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    private long writes;

    private void write(String file, String content) throws IOException {
        Path path = dir.resolve(file);
        Files.writeString(path, content);
        // each write a second later, so file systems with coarse timestamps still see a change
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(++writes)));
    }

    private CurrentLexicon lexicon() throws IOException {
        write("lexicon.properties", "categories=projects\nprojects.rule=CT-4\nprojects.severity=HIGH\n");
        write("projects.txt", "凤凰计划\n");
        return new CurrentLexicon(Optional.of(dir), Duration.ofSeconds(30), metrics, null);
    }

    private static List<String> terms(ModerationEngine engine, String text) {
        return engine.scan(text).stream().map(Finding::term).toList();
    }

    @Test
    void anAddedTermIsFoundAfterTheReload() throws IOException {
        CurrentLexicon lexicon = lexicon();
        ModerationEngine before = lexicon.engine();
        assertEquals(List.of(), terms(before, "青龙项目下周启动"));

        write("projects.txt", "凤凰计划\n青龙项目\n");
        assertTrue(lexicon.reloadIfChanged());

        assertEquals(List.of("青龙项目"), terms(lexicon.engine(), "青龙项目下周启动"));
        assertEquals(List.of(), terms(before, "青龙项目下周启动"), "an engine already handed out never changes");
        assertEquals(1.0, metrics.counter("qunguan.lexicon.reloads", "outcome", "applied").count());
    }

    @Test
    void unchangedFilesAreNotRebuilt() throws IOException {
        CurrentLexicon lexicon = lexicon();
        ModerationEngine before = lexicon.engine();
        assertFalse(lexicon.reloadIfChanged());
        assertSame(before, lexicon.engine());
    }

    @Test
    void aBrokenLexiconKeepsThePreviousEngineUntilItIsFixed() throws IOException {
        CurrentLexicon lexicon = lexicon();
        ModerationEngine before = lexicon.engine();

        write("lexicon.properties", "categories=projects\nprojects.rule=CT-4\nprojects.severity=SEVERE\n");
        assertFalse(lexicon.reloadIfChanged());
        assertSame(before, lexicon.engine());
        assertTrue(lexicon.lastError().orElseThrow().contains("SEVERE"), lexicon.lastError().orElseThrow());
        assertEquals(List.of("凤凰计划"), terms(lexicon.engine(), "凤凰计划的预算"));
        assertEquals(1.0, metrics.counter("qunguan.lexicon.reloads", "outcome", "rejected").count());
        assertEquals(1.0, metrics.get("qunguan.lexicon.edit.refused").gauge().value());

        write("lexicon.properties", "categories=projects\nprojects.rule=CT-4\nprojects.severity=CRITICAL\n");
        assertTrue(lexicon.reloadIfChanged());
        assertTrue(lexicon.lastError().isEmpty());
        assertEquals(0.0, metrics.get("qunguan.lexicon.edit.refused").gauge().value());
        assertEquals("CRITICAL", lexicon.engine().scan("凤凰计划的预算").get(0).severity());
    }

    @Test
    void aBrokenLexiconAtStartUpStopsTheService() throws IOException {
        write("lexicon.properties", "categories=projects\n");
        assertThrows(IllegalArgumentException.class,
                () -> new CurrentLexicon(Optional.of(dir), Duration.ofSeconds(30), metrics, null));
    }
}
