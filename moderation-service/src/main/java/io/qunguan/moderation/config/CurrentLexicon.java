package io.qunguan.moderation.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.qunguan.moderation.engine.ModerationEngine;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The engine in use, rebuilt when the lexicon directory changes. A new engine is built beside the old one
 * and swapped in with one volatile write, so a scan in progress finishes on the engine it started with. A
 * lexicon that fails to build leaves the previous engine serving and is reported, never half-applied.
 * Without {@code qunguan.moderation.lexicon-dir} the starter lexicon is used and nothing is watched.
 */
@ApplicationScoped
public class CurrentLexicon {

    private static final Logger LOG = Logger.getLogger(CurrentLexicon.class);

    private final Optional<Path> directory;
    private final Duration checkEvery;
    private final MeterRegistry metrics;
    private volatile ModerationEngine engine;
    private volatile String fingerprint;
    private volatile String lastError;
    private ScheduledExecutorService watcher;

    public CurrentLexicon(@ConfigProperty(name = "qunguan.moderation.lexicon-dir") Optional<Path> directory,
            @ConfigProperty(name = "qunguan.moderation.lexicon-check-interval", defaultValue = "30s") Duration checkEvery,
            MeterRegistry metrics) {
        this.directory = directory;
        this.checkEvery = checkEvery;
        this.metrics = metrics;
        // a lexicon that does not build at start-up stops the service: there is no previous one to fall back on
        this.fingerprint = directory.map(CurrentLexicon::fingerprint).orElse("starter");
        this.engine = directory.map(ModerationEngine::load).orElseGet(ModerationEngine::starter);
        // 1 while an edit on disk is refused: the alert an operator needs, since the old lexicon keeps serving
        metrics.gauge("qunguan.lexicon.edit.refused", this, current -> current.lastError == null ? 0 : 1);
        LOG.infof("lexicon %s loaded: %s", directory.map(Path::toString).orElse("(starter)"), engine.describe());
    }

    void watch(@Observes StartupEvent started) {
        if (directory.isEmpty()) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lexicon-watcher").factory());
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, checkEvery.toMillis(), checkEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    /** The engine to scan with now. */
    public ModerationEngine engine() {
        return engine;
    }

    /** Why the latest change to the files was not applied; empty when the files on disk are in use. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * Builds a new engine when a lexicon file was added, removed or changed since the last load.
     *
     * @return whether a new engine is now in use
     */
    public synchronized boolean reloadIfChanged() {
        if (directory.isEmpty()) {
            return false;
        }
        try {
            String seen = fingerprint(directory.get());
            if (seen.equals(fingerprint)) {
                return false;
            }
            ModerationEngine rebuilt = ModerationEngine.load(directory.get());
            engine = rebuilt;
            fingerprint = seen;
            lastError = null;
            metrics.counter("qunguan.lexicon.reloads", "outcome", "applied").increment();
            LOG.infof("lexicon %s reloaded: %s", directory.get(), rebuilt.describe());
            return true;
        } catch (RuntimeException e) {
            // the fingerprint is not advanced: the files are tried again on the next check, so a fix is
            // picked up as soon as it is written
            lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            metrics.counter("qunguan.lexicon.reloads", "outcome", "rejected").increment();
            LOG.warnf("lexicon %s not reloaded, the previous one stays in use: %s", directory.get(), lastError);
            return false;
        }
    }

    /** Names, sizes and modification times of the lexicon files: cheap enough to take every few seconds. */
    static String fingerprint(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            StringBuilder print = new StringBuilder();
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                try {
                    print.append(file.getFileName()).append(':').append(Files.size(file)).append(':')
                            .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return print.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
