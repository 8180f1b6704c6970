package io.qunguan.testkit;

import io.qunguan.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker in KRaft mode. {@link #resolve()} takes, in order: the cluster named by
 * {@code QUNGUAN_TEST_KAFKA_BOOTSTRAP}; a Testcontainers broker when Docker is reachable; a standalone broker
 * process started from the Maven Central jars ({@link #standalone(Path)}), which can be stopped and started
 * again on the same port and data to simulate an outage.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Forces one origin: {@code environment}, {@code testcontainers} or {@code standalone}. */
    public static final String FORCE_PROPERTY = "qunguan.testkit.kafka";

    /** Partitions of each topic created for a run. */
    public static final int PARTITIONS = 3;

    private final String bootstrapServers;
    private final AutoCloseable owned;
    private final Path dataDir;
    private final int brokerPort;
    private final int controllerPort;
    private final KafkaSecurity security;
    private Process process;
    /** C1 only and a small heap for the tests; {@link #useProductionJvm()} for measurements. */
    private List<String> jvmOptions = List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private KafkaBroker(String bootstrapServers, AutoCloseable owned, Path dataDir, int brokerPort, int controllerPort) {
        this(bootstrapServers, owned, dataDir, brokerPort, controllerPort, null);
    }

    private KafkaBroker(String bootstrapServers, AutoCloseable owned, Path dataDir, int brokerPort, int controllerPort,
            KafkaSecurity security) {
        this.bootstrapServers = bootstrapServers;
        this.owned = owned;
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.security = security;
    }

    public static KafkaBroker resolve() {
        String forced = System.getProperty(FORCE_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        String fromEnvironment = System.getenv("QUNGUAN_TEST_KAFKA_BOOTSTRAP");
        if (forced.equals("environment") || (forced.isEmpty() && fromEnvironment != null)) {
            if (fromEnvironment == null) {
                throw new IllegalStateException("QUNGUAN_TEST_KAFKA_BOOTSTRAP is not set");
            }
            return new KafkaBroker(fromEnvironment, null, null, -1, -1);
        }
        if (forced.equals("testcontainers") || (forced.isEmpty() && Docker.available())) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            return new KafkaBroker(container.getBootstrapServers(), container::stop, null, -1, -1);
        }
        try {
            KafkaBroker broker = standalone(Files.createTempDirectory("qunguan-kafka-"));
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A single-node KRaft broker process (not yet started) keeping its data in {@code dataDir}. */
    public static KafkaBroker standalone(Path dataDir) {
        int brokerPort = Ports.free();
        int controllerPort = Ports.free();
        return new KafkaBroker("127.0.0.1:" + brokerPort, null, dataDir, brokerPort, controllerPort);
    }

    /**
     * A standalone broker configured as production is (not yet started): a SASL_SSL listener (TLS, PLAIN users: an
     * {@code admin} and one per service), the standard authorizer with no access where no ACL grants it. Its plaintext
     * listener is for the test's own setup only: its anonymous principal is a super user.
     */
    public static KafkaBroker standaloneSecured(Path dataDir) {
        int brokerPort = Ports.free();
        int controllerPort = Ports.free();
        KafkaSecurity security = KafkaSecurity.create(dataDir.resolve("tls"), Ports.free());
        return new KafkaBroker("127.0.0.1:" + brokerPort, null, dataDir, brokerPort, controllerPort, security);
    }

    /** The plaintext listener: the test's own access, a super user on a secured broker. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The TLS and SASL side of a broker made by {@link #standaloneSecured(Path)}. */
    public KafkaSecurity security() {
        if (security == null) {
            throw new IllegalStateException("this broker has no secured listener");
        }
        return security;
    }

    /** Starts the standalone broker process (formatting its storage the first time) and waits until it serves. */
    public synchronized void start() {
        requireStandalone();
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Path config = writeConfig();
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                run(List.of("kafka.tools.StorageTool", "format", "-t", randomClusterId(), "-c", config.toString()),
                        "format.log");
            }
            process = java(List.of("kafka.Kafka", config.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                    .start();
            awaitReady(Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka broker did not start", e);
        }
    }

    /** Stops the standalone broker process (SIGTERM, then SIGKILL after 20 s); its data stays. */
    public synchronized void stop() {
        requireStandalone();
        if (process == null) {
            return;
        }
        Processes.terminate(process);
        process = null;
    }

    /** Kills the standalone broker process (SIGKILL, as a crash); its data stays, as much as it wrote. */
    public synchronized void kill() {
        requireStandalone();
        if (process == null) {
            return;
        }
        Processes.kill(process);
        process = null;
    }

    /** The JVM Kafka's own start script gives a broker (a 1 GiB heap, G1), for what is measured on it. */
    public synchronized KafkaBroker useProductionJvm() {
        jvmOptions = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");
        return this;
    }

    /** The broker's process id while it runs as a process of its own. */
    public synchronized java.util.OptionalLong pid() {
        return process != null && process.isAlive() ? java.util.OptionalLong.of(process.pid())
                : java.util.OptionalLong.empty();
    }

    public synchronized boolean running() {
        return owned != null || dataDir == null || (process != null && process.isAlive());
    }

    /** Creates every contract topic and every consumer's dead-letter topic, each name prefixed with {@code prefix}. */
    public void createTopics(String prefix) {
        createTopics(prefix, PARTITIONS);
    }

    /** The same with {@code partitions} partitions for each contract topic, as a scaled-out deployment has them. */
    public void createTopics(String prefix, int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            NewTopic newTopic = new NewTopic(prefix + topic, partitions, (short) 1);
            if (topic.equals(Topics.GROUP_STATE)) {
                newTopic.configs(Map.of("cleanup.policy", "compact"));
            }
            topics.add(newTopic);
        }
        for (Topics.Consumer consumer : Topics.CONSUMERS) {
            topics.add(new NewTopic(prefix + consumer.deadLetterTopic(), 1, (short) 1));
        }
        try (Admin admin = admin()) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("topic " + topic.name() + " not created", e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not create topics in time", e);
        }
    }

    public Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(properties);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited; see " + dataDir.resolve("broker.log"));
            }
            if (Ports.answers("127.0.0.1", brokerPort)) {
                try (Admin admin = admin()) {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not serving yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            sleep(200);
        }
        throw new IllegalStateException("Kafka broker not ready within " + timeout + "; see "
                + dataDir.resolve("broker.log"));
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(dataDir);
        String config = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=%4$d
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                min.insync.replicas=1
                default.replication.factor=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=true
                log.flush.interval.messages=1
                """.formatted(brokerPort, controllerPort, dataDir.resolve("logs"), PARTITIONS);
        if (security != null) {
            config = config.replace("listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",",
                            "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + "," + security.listener() + ",")
                    .replace("advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                            "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort + "," + security.listener())
                    .replace("CONTROLLER:PLAINTEXT\n", "CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL\n")
                    + security.brokerConfig();
        }
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, config);
        Files.writeString(dataDir.resolve("log4j2.properties"), """
                rootLogger.level=WARN
                rootLogger.appenderRef.file.ref=file
                appender.file.type=File
                appender.file.name=file
                appender.file.fileName=%s
                appender.file.layout.type=PatternLayout
                appender.file.layout.pattern=%%d %%p %%c - %%m%%n
                """.formatted(dataDir.resolve("server.log")));
        return file;
    }

    private void run(List<String> command, String logName) throws IOException {
        Process tool = java(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve(logName).toFile()))
                .start();
        try {
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                throw new IllegalStateException("Kafka " + command.get(0) + " failed; see " + dataDir.resolve(logName));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder java(List<String> mainAndArgs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"),
                "-cp", brokerClasspath()));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** The broker's classpath: the jars resolved by Maven when the testkit was built. */
    static String brokerClasspath() {
        return readResource("kafka-broker.classpath") + java.io.File.pathSeparator
                + readResource("kafka-broker-shared.classpath");
    }

    private static String readResource(String name) {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("testkit resource " + name + " missing: build libs/testkit first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cluster id as Kafka makes them: never starting with '-', which the storage tool would read as an option. */
    static String randomClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private void requireStandalone() {
        if (dataDir == null) {
            throw new IllegalStateException("only a standalone broker can be started or stopped");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not stop", e);
            }
        } else if (dataDir != null) {
            stop();
        }
    }
}
