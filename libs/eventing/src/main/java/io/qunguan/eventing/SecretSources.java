package io.qunguan.eventing;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.qunguan.events.ConfigSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * In production a service takes its secrets only from mounted secret files ({@link SecretFilesConfigSource}): one set
 * anywhere else — an environment variable, a system property, {@code application.properties} — stops the start,
 * naming the property and where it came from. {@code qunguan.secrets.files-only=false} lifts the rule where
 * secrets reach the process another way (a vault agent writing the environment). Dev and test modes are exempt.
 */
@ApplicationScoped
public class SecretSources {

    void check(@Observes StartupEvent event, Config config) {
        if (LaunchMode.current().isDevOrTest()
                || !config.getOptionalValue("qunguan.secrets.files-only", Boolean.class).orElse(true)) {
            return;
        }
        Map<String, String> sources = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (ConfigSecrets.isSecret(name)) {
                ConfigValue value = config.getConfigValue(name);
                if (value.getValue() != null && !value.getValue().isEmpty()) {
                    sources.put(name, value.getSourceName());
                }
            }
        }
        List<String> misplaced = misplaced(sources);
        if (!misplaced.isEmpty()) {
            throw new IllegalStateException("secrets must come from the mounted secret files ("
                    + ConfigSecrets.DEFAULT_DIRECTORY + " or QUNGUAN_SECRETS_DIR), not from: "
                    + String.join(", ", misplaced));
        }
    }

    /** The secrets, of {@code name → source}, that came from anywhere but the secret files. */
    static List<String> misplaced(Map<String, String> sources) {
        List<String> misplaced = new ArrayList<>();
        sources.forEach((name, source) -> {
            if (!SecretFilesConfigSource.NAME.equals(source)) {
                misplaced.add(name + " (" + source + ")");
            }
        });
        return misplaced;
    }
}
