package io.qunguan.testkit;

import io.qunguan.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The TLS and SASL side of a secured test broker: a self-signed certificate for 127.0.0.1 made with the JDK's
 * keytool, a truststore holding it, PLAIN users ({@code admin} and one per service, each with a fresh password), and
 * the ACLs a service's principal gets in production ({@link #aclsOf}).
 */
public final class KafkaSecurity {

    /** The super user of the SASL listener. */
    public static final String ADMIN = "admin";

    private final Path directory;
    private final int port;
    private final String storePassword;
    private final Map<String, String> passwords;

    private KafkaSecurity(Path directory, int port, String storePassword, Map<String, String> passwords) {
        this.directory = directory;
        this.port = port;
        this.storePassword = storePassword;
        this.passwords = passwords;
    }

    static KafkaSecurity create(Path directory, int port) {
        String storePassword = "store-" + UUID.randomUUID();
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(ADMIN, "pw-" + UUID.randomUUID());
        Topics.WRITES.keySet().stream().sorted().forEach(service -> passwords.put(service, "pw-" + UUID.randomUUID()));
        try {
            Files.createDirectories(directory);
            Path keystore = directory.resolve("broker.p12");
            Path certificate = directory.resolve("broker.pem");
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore",
                    keystore.toString(), "-storetype", "PKCS12", "-storepass", storePassword);
            keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", storePassword,
                    "-rfc", "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-keystore",
                    directory.resolve("truststore.p12").toString(), "-storetype", "PKCS12", "-storepass",
                    storePassword);
        } catch (IOException e) {
            throw new UncheckedIOException("the broker's certificate was not made", e);
        }
        return new KafkaSecurity(directory, port, storePassword, Map.copyOf(passwords));
    }

    /** The SASL_SSL listener's address, as clients name it. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    String listener() {
        return "SASL_SSL://127.0.0.1:" + port;
    }

    String brokerConfig() {
        StringBuilder users = new StringBuilder();
        passwords.forEach((user, password) -> users.append(" user_").append(user).append("=\"").append(password)
                .append('"'));
        return """
                sasl.enabled.mechanisms=PLAIN
                listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required%s;
                ssl.keystore.location=%s
                ssl.keystore.password=%s
                ssl.keystore.type=PKCS12
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                super.users=User:ANONYMOUS;User:%s
                allow.everyone.if.no.acl.found=false
                """.formatted(users, directory.resolve("broker.p12"), storePassword, ADMIN);
    }

    /**
     * A client's settings for the SASL_SSL listener as {@code user}, each under {@code prefix} ({@code kafka.} for a
     * Quarkus service's configuration, empty for a plain client).
     */
    public Map<String, String> clientConfig(String prefix, String user, String password) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(prefix + "bootstrap.servers", bootstrapServers());
        config.put(prefix + "security.protocol", "SASL_SSL");
        config.put(prefix + "sasl.mechanism", "PLAIN");
        config.put(prefix + "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"" + user + "\" password=\"" + password + "\";");
        config.put(prefix + "ssl.truststore.location", directory.resolve("truststore.p12").toString());
        config.put(prefix + "ssl.truststore.password", storePassword);
        config.put(prefix + "ssl.truststore.type", "PKCS12");
        return config;
    }

    /** The password of {@code user}: {@link #ADMIN} or a service's name. */
    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no such user: " + user);
        }
        return password;
    }

    /**
     * What {@code service}'s principal may do, topics under {@code topicPrefix}: write the contract topics it
     * writes, read those it consumes, read and write its own dead-letter topics, and use its own consumer groups.
     * The same list, as {@code kafka-acls} commands, is in docs/kafka-security.md.
     */
    public static List<AclBinding> aclsOf(String service, String topicPrefix) {
        String principal = "User:" + service;
        // a topic the service both writes and reads is described once
        Set<AclBinding> acls = new LinkedHashSet<>();
        for (String topic : Topics.WRITES.get(service)) {
            acls.add(allow(ResourceType.TOPIC, topicPrefix + topic, PatternType.LITERAL, principal, AclOperation.WRITE));
            acls.add(allow(ResourceType.TOPIC, topicPrefix + topic, PatternType.LITERAL, principal,
                    AclOperation.DESCRIBE));
        }
        for (String topic : Topics.reads(service)) {
            acls.add(allow(ResourceType.TOPIC, topicPrefix + topic, PatternType.LITERAL, principal, AclOperation.READ));
            acls.add(allow(ResourceType.TOPIC, topicPrefix + topic, PatternType.LITERAL, principal,
                    AclOperation.DESCRIBE));
        }
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE)) {
            acls.add(allow(ResourceType.TOPIC, topicPrefix + service + ".", PatternType.PREFIXED, principal,
                    operation));
        }
        acls.add(allow(ResourceType.GROUP, service, PatternType.PREFIXED, principal, AclOperation.READ));
        return List.copyOf(acls);
    }

    /** {@link #aclsOf} as {@code kafka-acls.sh} commands, one per binding, topics without a prefix. */
    public static List<String> aclCommands(String service) {
        return aclsOf(service, "").stream().map(acl -> "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" "
                + "--command-config admin.properties --add --allow-principal " + acl.entry().principal()
                + " --operation " + operationName(acl.entry().operation())
                + (acl.pattern().resourceType() == ResourceType.GROUP ? " --group " : " --topic ")
                + acl.pattern().name()
                + (acl.pattern().patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : ""))
                .toList();
    }

    private static String operationName(AclOperation operation) {
        String name = operation.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String principal,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static void keytool(String... arguments) throws IOException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow(() ->
                new IllegalStateException("the running JDK's path is unknown")));
        List<String> command = new ArrayList<>(List.of(java.resolveSibling("keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
