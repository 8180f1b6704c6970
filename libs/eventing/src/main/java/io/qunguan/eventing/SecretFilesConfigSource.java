package io.qunguan.eventing;

import io.qunguan.events.ConfigSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Secrets mounted as files, one per property: the file's name is the property's
 * ({@code qunguan.platforms.wecom.token}), its content the value (one trailing line break dropped), as a Kubernetes
 * Secret mounted as a volume lays them out. The directory is {@code qunguan.secrets.dir} (a system property) or
 * {@code QUNGUAN_SECRETS_DIR}, else {@value ConfigSecrets#DEFAULT_DIRECTORY}; a missing directory holds nothing. They
 * win over the environment and {@code application.properties}.
 */
public class SecretFilesConfigSource implements ConfigSource {

    public static final String NAME = "qunguan-secret-files";

    private final Map<String, String> secrets;

    public SecretFilesConfigSource() {
        this(Path.of(System.getProperty("qunguan.secrets.dir", System.getenv().getOrDefault("QUNGUAN_SECRETS_DIR",
                ConfigSecrets.DEFAULT_DIRECTORY))));
    }

    SecretFilesConfigSource(Path directory) {
        this.secrets = read(directory);
    }

    private static Map<String, String> read(Path directory) {
        Map<String, String> secrets = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return secrets;
        }
        try (Stream<Path> files = Files.list(directory)) {
            // Kubernetes keeps the real files under ..data and links each key to them: hidden entries are skipped
            for (Path file : files.filter(path -> !path.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile).toList()) {
                String value = Files.readString(file, StandardCharsets.UTF_8);
                secrets.put(file.getFileName().toString(), value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                        : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("secrets in " + directory + " unreadable", e);
        }
        return secrets;
    }

    @Override
    public Set<String> getPropertyNames() {
        return secrets.keySet();
    }

    @Override
    public Map<String, String> getProperties() {
        return secrets;
    }

    @Override
    public String getValue(String propertyName) {
        return secrets.get(propertyName);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getOrdinal() {
        // above the environment (300), below system properties (400)
        return 350;
    }
}
