package io.qunguan.moderation.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The policy for chats no registered group holds: the {@code moderation} section of a policy document, from the file
 * {@code qunguan.moderation.default-policy} names, else the bundled {@code default-policy.json}. Read once at start;
 * a file that is not a valid policy stops the service rather than moderating by a rule nobody wrote.
 */
@ApplicationScoped
public class CompanyDefaultPolicy {

    private final JsonNode document;
    private final ModerationPolicy policy;

    public CompanyDefaultPolicy(@ConfigProperty(name = "qunguan.moderation.default-policy") Optional<Path> file) {
        this.document = file.map(CompanyDefaultPolicy::readFile).orElseGet(CompanyDefaultPolicy::bundled)
                .get("moderation");
        this.policy = ModerationPolicy.read(document);
    }

    public ModerationPolicy policy() {
        return policy;
    }

    /** The {@code moderation} section as written. */
    public JsonNode document() {
        return document.deepCopy();
    }

    private static JsonNode readFile(Path file) {
        try {
            return EventJson.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("default policy " + file + " unreadable", e);
        }
    }

    private static JsonNode bundled() {
        try (InputStream in = CompanyDefaultPolicy.class.getResourceAsStream("/default-policy.json")) {
            return EventJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
