package io.qunguan.moderation.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.qunguan.moderation.domain.lexicon.LexiconVersions;
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
 * The engine in use. By default it is the newest approved version of the lexicon managed in the database
 * ({@link LexiconVersions}; the starter lexicon is version 1): an approval's {@code LexiconApproved} event makes every
 * instance swap to it within seconds, and each instance also checks every {@code lexicon-check-interval} in case an
 * event did not reach it. For development, {@code qunguan.moderation.lexicon-dir} names a directory instead, rebuilt
 * when its files change. Either way a new engine is built beside the old one and swapped in with one volatile write,
 * so a scan in progress finishes on the engine it started with; a lexicon that fails to build leaves the previous
 * engine serving and is reported, never half-applied.
 */
@ApplicationScoped
public class CurrentLexicon {

    private static final Logger LOG = Logger.getLogger(CurrentLexicon.class);

    private final Optional<Path> directory;
    private final Duration checkEvery;
    private final MeterRegistry metrics;
    private final LexiconVersions versions;
    private volatile ModerationEngine engine;
    /** The managed version in use; 0 when the lexicon comes from a directory. */
    private volatile int version;
    private volatile String fingerprint;
    private volatile String lastError;
    private ScheduledExecutorService watcher;

    public CurrentLexicon(@ConfigProperty(name = "qunguan.moderation.lexicon-dir") Optional<Path> directory,
            @ConfigProperty(name = "qunguan.moderation.lexicon-check-interval", defaultValue = "30s") Duration checkEvery,
            MeterRegistry metrics, LexiconVersions versions) {
        this.directory = directory;
        this.checkEvery = checkEvery;
        this.metrics = metrics;
        this.versions = versions;
        // a lexicon that does not build at start-up stops the service: there is no previous one to fall back on
        this.fingerprint = directory.map(CurrentLexicon::fingerprint).orElse("managed");
        if (directory.isPresent()) {
            this.engine = ModerationEngine.load(directory.get());
        } else {
            versions.seedIfEmpty();
            LexiconVersions.Approved approved = versions.latestApproved().orElseThrow();
            this.engine = ModerationEngine.load(approved.files());
            this.version = approved.version();
        }
        // 1 while an edit on disk is refused: the alert an operator needs, since the old lexicon keeps serving
        metrics.gauge("qunguan.lexicon.edit.refused", this, current -> current.lastError == null ? 0 : 1);
        metrics.gauge("qunguan.lexicon.version", this, current -> current.version);
        LOG.infof("lexicon %s loaded: %s", directory.map(Path::toString).orElse("version " + version),
                engine.describe());
    }

    void watch(@Observes StartupEvent started) {
        watcher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lexicon-watcher").factory());
        Runnable check = directory.isPresent() ? this::reloadIfChanged : this::checkLatest;
        watcher.scheduleWithFixedDelay(check, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkLatest() {
        try {
            useLatest();
        } catch (RuntimeException e) {
            // the database may be away for a while; the engine in use keeps serving and the next check tries again
            LOG.warnf("lexicon version not checked: %s", e.getMessage());
        }
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

    /** The managed lexicon version in use; 0 when the lexicon is read from a directory. */
    public int version() {
        return version;
    }

    /**
     * Swaps to the newest approved version when it is newer than the one in use; nothing when the lexicon is read
     * from a directory.
     *
     * @return whether a new engine is now in use
     */
    public synchronized boolean useLatest() {
        if (directory.isPresent()) {
            return false;
        }
        Optional<LexiconVersions.Approved> latest = versions.latestApproved();
        if (latest.isEmpty() || latest.get().version() <= version) {
            return false;
        }
        try {
            ModerationEngine rebuilt = ModerationEngine.load(latest.get().files());
            engine = rebuilt;
            version = latest.get().version();
            lastError = null;
            metrics.counter("qunguan.lexicon.reloads", "outcome", "applied").increment();
            LOG.infof("lexicon version %d in use: %s", version, rebuilt.describe());
            return true;
        } catch (RuntimeException e) {
            // approved versions were built when proposed; one that does not build now is reported, not applied
            lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            metrics.counter("qunguan.lexicon.reloads", "outcome", "rejected").increment();
            LOG.warnf("lexicon version %d not applied, version %d stays in use: %s", latest.get().version(), version,
                    lastError);
            return false;
        }
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
