package io.qunguan.moderation.config;

import io.qunguan.moderation.engine.ModerationEngine;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The rule engine: the lexicon directory named in configuration, or the starter lexicon. */
public class EngineProducer {

    @Produces
    @Singleton
    ModerationEngine engine(@ConfigProperty(name = "qunguan.moderation.lexicon-dir") Optional<Path> lexiconDir) {
        return lexiconDir.map(ModerationEngine::load).orElseGet(ModerationEngine::starter);
    }
}
