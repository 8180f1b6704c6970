package io.qunguan.testkit;

import io.qunguan.events.ConfigSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The whole system as separate processes: a standalone KRaft broker, a PostgreSQL server with one database
 * per service, and the four packaged services. Used by the system tests and the local run.
 */
public final class QunguanStack implements AutoCloseable {

    /** Where a service listens, what its database is called, and where its packaged jar is. */
    public record ServiceSpec(String name, int port, String database) {
    }

    /** What a stack is made of. */
    /** @param extraConfig further configuration given to every service (e.g. platform credentials) */
    /** @param jvmOptions the services' JVM options: {@link ServiceProcess#TEST_JVM} or {@link #productionJvm} */
    public record Settings(Path projectRoot, Path workDir, String topicPrefix, Path jwtPublicKey,
            String genericSecret, List<ServiceSpec> services, boolean freshDatabases, Map<String, String> extraConfig,
            List<String> jvmOptions) {

        public Settings(Path projectRoot, Path workDir, String topicPrefix, Path jwtPublicKey, String genericSecret,
                List<ServiceSpec> services, boolean freshDatabases, Map<String, String> extraConfig) {
            this(projectRoot, workDir, topicPrefix, jwtPublicKey, genericSecret, services, freshDatabases, extraConfig,
                    ServiceProcess.TEST_JVM);
        }

        public Settings(Path projectRoot, Path workDir, String topicPrefix, Path jwtPublicKey, String genericSecret,
                List<ServiceSpec> services, boolean freshDatabases) {
            this(projectRoot, workDir, topicPrefix, jwtPublicKey, genericSecret, services, freshDatabases, Map.of());
        }
    }

    /** Production's JVM options, {@code deploy/jvm/production.options} of the project at {@code projectRoot}. */
    public static List<String> productionJvm(Path projectRoot) {
        Path file = projectRoot.resolve("deploy/jvm/production.options");
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the production JVM options " + file + " cannot be read", e);
        }
    }

    private final Settings settings;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    /** Between the services and PostgreSQL, so a test can take the database away from them. */
    private final TcpProxy postgresProxy;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** reporting-service signs people in through it, by the same authorization-code flow as production's. */
    private final DevIdentityProvider identityProvider;
    /** The dashboard's session cookie opens on every reporting-service replica of the stack. */
    private final String sessionSecret = UUID.randomUUID() + "-" + UUID.randomUUID();

    private QunguanStack(Settings settings, KafkaBroker kafka, PostgresServer postgres) {
        this.settings = settings;
        this.kafka = kafka;
        this.postgres = postgres;
        this.postgresProxy = TcpProxy.start(postgres.host(), postgres.port());
        this.identityProvider = DevIdentityProvider.start(settings.jwtPublicKey().getParent(), Ports.free(),
                UUID.randomUUID().toString());
    }

    /** The four services on the given ports, databases named {@code <prefix><service>}. */
    public static List<ServiceSpec> services(int firstPort, String databasePrefix) {
        List<ServiceSpec> specs = new ArrayList<>();
        String[] names = {"group", "moderation", "notification", "reporting"};
        for (int i = 0; i < names.length; i++) {
            int port = firstPort == 0 ? Ports.free() : firstPort + i;
            specs.add(new ServiceSpec(names[i] + "-service", port, databasePrefix + names[i]));
        }
        return specs;
    }

    /** Starts everything and waits until every service is ready. */
    public static QunguanStack start(Settings settings) {
        return start(settings, KafkaBroker.PARTITIONS);
    }

    /** The same, its contract topics of {@code partitions} partitions each. */
    public static QunguanStack start(Settings settings, int partitions) {
        KafkaBroker kafka = KafkaBroker.standalone(settings.workDir().resolve("kafka"));
        if (!settings.jvmOptions().equals(ServiceProcess.TEST_JVM)) {
            kafka.useProductionJvm();
        }
        PostgresServer postgres = null;
        QunguanStack stack = null;
        try {
            kafka.start();
            kafka.createTopics(settings.topicPrefix(), partitions);
            postgres = PostgresServer.resolve();
            stack = new QunguanStack(settings, kafka, postgres);
            for (ServiceSpec spec : settings.services()) {
                if (settings.freshDatabases()) {
                    postgres.recreateDatabase(spec.database());
                }
                stack.startService(spec);
            }
            for (ServiceProcess service : stack.services.values()) {
                service.awaitReady(Duration.ofSeconds(90));
            }
            return stack;
        } catch (RuntimeException e) {
            if (stack != null) {
                stack.close();
            } else {
                kafka.close();
                if (postgres != null) {
                    postgres.close();
                }
            }
            throw e;
        }
    }

    /**
     * Starts one more instance of {@code service} on {@code port}, on the same database and topics as the first (N
     * replicas as production runs them), and waits until it is ready; the second is known as {@code <service>#2},
     * the third as {@code <service>#3}, and so on.
     */
    public ServiceProcess startReplica(String service, int port) {
        ServiceSpec first = settings.services().stream().filter(spec -> spec.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + service));
        long instances = services.keySet().stream().filter(name -> name.equals(service)
                || name.matches(Pattern.quote(service) + "#\\d+")).count();
        ServiceProcess replica = startService(new ServiceSpec(service, port, first.database()),
                service + "#" + (instances + 1));
        replica.awaitReady(Duration.ofSeconds(90));
        return replica;
    }

    /**
     * Starts one more instance of {@code service} with {@code passedDirectly} as system properties, secrets among them
     * not moved to files: a packaged service is expected to refuse such a start.
     */
    public ServiceProcess startWithUnmountedSecrets(String service, int port, Map<String, String> passedDirectly) {
        ServiceSpec first = settings.services().stream().filter(spec -> spec.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + service));
        return startService(new ServiceSpec(service, port, first.database()), service + "#unmounted", passedDirectly);
    }

    private ServiceProcess startService(ServiceSpec spec) {
        return startService(spec, spec.name());
    }

    private ServiceProcess startService(ServiceSpec spec, String instance) {
        return startService(spec, instance, Map.of());
    }

    private ServiceProcess startService(ServiceSpec spec, String instance, Map<String, String> passedDirectly) {
        Path jar = settings.projectRoot().resolve(spec.name()).resolve("target/quarkus-app/quarkus-run.jar");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgresProxy.port() + "/"
                + spec.database());
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("qunguan.kafka.topic-prefix", settings.topicPrefix());
        config.put("mp.jwt.verify.publickey.location", settings.jwtPublicKey().toUri().toString());
        // the packaged services run as in production, trusting the issuer the tests and the local run sign as
        config.put("mp.jwt.verify.issuer", Tokens.ISSUER);
        config.put("qunguan.platforms.generic.secret", settings.genericSecret());
        if (spec.name().equals("reporting-service")) {
            config.putAll(identityProvider.serviceConfig());
            config.put("quarkus.oidc.dashboard.token-state-manager.encryption-secret", sessionSecret);
            // the stack serves plain HTTP on loopback: a Secure cookie would never come back
            config.put("quarkus.oidc.dashboard.authentication.cookie-force-secure", "false");
        }
        config.putAll(settings.extraConfig());
        mountSecrets(config, settings.workDir().resolve("secrets").resolve(instance.replace('#', '-')));
        config.putAll(passedDirectly);
        ServiceProcess process = new ServiceProcess(instance, jar, spec.port(), config,
                settings.workDir().resolve("logs").resolve(instance.replace('#', '-') + ".log"), settings.jvmOptions());
        process.start();
        services.put(instance, process);
        return process;
    }

    /**
     * Moves the secrets out of {@code config} into files of {@code directory}, one per property, and points the
     * service at them: the packaged services take secrets only from mounted files, as in production.
     */
    private static void mountSecrets(Map<String, String> config, Path directory) {
        try {
            Files.createDirectories(directory);
            for (var secret : List.copyOf(config.entrySet())) {
                if (ConfigSecrets.isSecret(secret.getKey()) && !secret.getValue().isEmpty()) {
                    Path file = directory.resolve(secret.getKey());
                    Files.writeString(file, secret.getValue());
                    file.toFile().setReadable(false, false);
                    file.toFile().setReadable(true, true);
                    config.remove(secret.getKey());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("secrets not written to " + directory, e);
        }
        config.put("qunguan.secrets.dir", directory.toString());
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** The development identity provider the stack's reporting-service signs people in through. */
    public DevIdentityProvider identityProvider() {
        return identityProvider;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** The services reach PostgreSQL through this proxy: {@link TcpProxy#cut()} is a database outage for them. */
    public TcpProxy postgresProxy() {
        return postgresProxy;
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    public Settings settings() {
        return settings;
    }

    public String topicPrefix() {
        return settings.topicPrefix();
    }

    /** Stops the services, then Kafka; drops the databases it created fresh; stops an embedded PostgreSQL. */
    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::stop);
        kafka.close();
        postgresProxy.close();
        identityProvider.close();
        if (settings.freshDatabases()) {
            settings.services().forEach(spec -> postgres.dropDatabase(spec.database()));
        }
        postgres.close();
    }

    /** A fresh work directory under {@code parent}. */
    public static Path workDir(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
