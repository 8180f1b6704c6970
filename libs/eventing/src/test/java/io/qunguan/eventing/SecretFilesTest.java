package io.qunguan.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qunguan.events.ConfigSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets from mounted files, and the rule that production takes them from nowhere else (security finding 9). */
class SecretFilesTest {

    @Test
    void eachFileIsAPropertyLaidOutAsAMountedKubernetesSecret(@TempDir Path directory) throws IOException {
        // a mounted Secret: the keys link into ..data, which holds the files
        Path data = Files.createDirectories(directory.resolve("..2026_12_03").resolve("x")).getParent();
        Files.writeString(data.resolve("qunguan.platforms.wecom.token"), "wecom-token\n");
        Files.writeString(data.resolve("kafka.sasl.jaas.config"), "ScramLoginModule required;\r\n");
        Files.createSymbolicLink(directory.resolve("..data"), data.getFileName());
        Files.createSymbolicLink(directory.resolve("qunguan.platforms.wecom.token"),
                Path.of("..data/qunguan.platforms.wecom.token"));
        Files.createSymbolicLink(directory.resolve("kafka.sasl.jaas.config"), Path.of("..data/kafka.sasl.jaas.config"));

        SecretFilesConfigSource source = new SecretFilesConfigSource(directory);
        assertEquals(Map.of("qunguan.platforms.wecom.token", "wecom-token",
                "kafka.sasl.jaas.config", "ScramLoginModule required;"), source.getProperties());
        assertTrue(source.getOrdinal() > 300, "above the environment");
        assertEquals(Map.of(), new SecretFilesConfigSource(directory.resolve("absent")).getProperties());
    }

    @Test
    void secretsAreTheTokensKeysAndPasswordsWhetherNamedAsPropertiesOrEnvironmentVariables() {
        for (String secret : List.of("qunguan.platforms.wecom.token", "qunguan.platforms.slack.signing-secret",
                "qunguan.platforms.feishu.encrypt-key", "qunguan.platforms.wecom.encoding-aes-key",
                "qunguan.platforms.dingtalk.previous-robot-app-secret", "qunguan.platforms.generic.secret",
                "kafka.sasl.jaas.config", "kafka.ssl.truststore.password", "quarkus.datasource.password",
                "quarkus.oidc.dashboard.credentials.secret", "quarkus.oidc.dashboard.token-state-manager.encryption-secret",
                "QUNGUAN_PLATFORMS_SLACK_SIGNING_SECRET", "QUNGUAN_PLATFORMS_FEISHU_ENCRYPT_KEY",
                "KAFKA_SASL_JAAS_CONFIG")) {
            assertTrue(ConfigSecrets.isSecret(secret), secret);
        }
        for (String setting : List.of("qunguan.platforms.feishu.app-id", "qunguan.platforms.dingtalk.owner-key",
                "kafka.ssl.truststore.location", "quarkus.datasource.username", "kafka.bootstrap.servers",
                "QUNGUAN_KAFKA_TOPIC_PREFIX", "mp.jwt.verify.publickey.location",
                "quarkus.oidc.dashboard.client-id", "quarkus.oidc.auth-server-url",
                "quarkus.oidc.authentication.verify-access-token", "quarkus.oidc.token.decrypt-access-token")) {
            assertFalse(ConfigSecrets.isSecret(setting), setting);
        }
    }

    @Test
    void aSecretFromAnywhereButTheFilesIsNamedWithItsSource() {
        assertEquals(List.of("QUNGUAN_PLATFORMS_WECOM_TOKEN (EnvConfigSource)",
                        "qunguan.platforms.generic.secret (PropertiesConfigSource[source=application.properties])"),
                SecretSources.misplaced(new java.util.TreeMap<>(Map.of(
                        "qunguan.platforms.slack.signing-secret", SecretFilesConfigSource.NAME,
                        "QUNGUAN_PLATFORMS_WECOM_TOKEN", "EnvConfigSource",
                        "qunguan.platforms.generic.secret", "PropertiesConfigSource[source=application.properties]"))));
    }
}
