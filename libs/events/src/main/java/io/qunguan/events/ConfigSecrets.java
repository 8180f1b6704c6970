package io.qunguan.events;

import java.util.List;
import java.util.Locale;

/**
 * Which configuration properties are secrets: the platforms' tokens, keys and secrets, Kafka's SASL and TLS
 * passwords, the database's and the mail server's passwords, the dashboard's OIDC client and session secrets. Production takes them only from mounted secret files
 * (libs/eventing's {@code SecretFilesConfigSource}); the test stack writes them there too.
 */
public final class ConfigSecrets {

    /** Where secret files are mounted unless {@code qunguan.secrets.dir} or {@code QUNGUAN_SECRETS_DIR} say. */
    public static final String DEFAULT_DIRECTORY = "/etc/qunguan/secrets";

    private static final List<String> PREFIXES = List.of("qunguan.platforms.", "kafka.sasl.", "kafka.ssl.",
            "quarkus.datasource.", "quarkus.mailer.");
    private static final List<String> SUFFIXES = List.of("secret", "token", "aes-key", "encrypt-key", "password",
            "jaas.config");
    /** quarkus-oidc's own secrets; its other properties end in "token" too (verify-access-token) and are settings. */
    private static final List<String> OIDC_SUFFIXES = List.of("credentials.secret", "credentials.client-secret.value",
            "encryption-secret", "pkce-secret", "state-secret");

    private ConfigSecrets() {
    }

    /** Whether {@code name} (a property, or its environment variable: {@code QUNGUAN_PLATFORMS_…}) is a secret. */
    public static boolean isSecret(String name) {
        String property = name.equals(name.toUpperCase(Locale.ROOT)) && name.indexOf('.') < 0
                ? name.toLowerCase(Locale.ROOT).replace('_', '.') : name;
        String dashed = property.replace('.', '-');
        if (property.startsWith("quarkus.oidc.")) {
            return OIDC_SUFFIXES.stream().anyMatch(suffix -> property.endsWith(suffix)
                    || dashed.endsWith(suffix.replace('.', '-')));
        }
        return PREFIXES.stream().anyMatch(property::startsWith)
                && SUFFIXES.stream().anyMatch(suffix -> property.endsWith(suffix)
                        || dashed.endsWith(suffix.replace('.', '-')));
    }
}
