package io.qunguan.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Quarkus test resource: the service under test reaches a broker configured as production is
 * ({@link KafkaBroker#standaloneSecured}) over TLS and SASL as its own principal, with only the ACLs
 * {@link KafkaSecurity#aclsOf} grants it. Init argument {@code service}: the service's name.
 */
public class SecuredKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;
    private static volatile String topicPrefix;
    private String service;

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            try {
                broker = KafkaBroker.standaloneSecured(Files.createTempDirectory("qunguan-kafka-secured-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker.start();
            KafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "testkit-secured-kafka-stop"));
        }
        return broker;
    }

    public static String topicPrefix() {
        return topicPrefix;
    }

    /** A probe on the current run's topics through the plaintext listener, as the super user the setup is. */
    public static KafkaProbe probe() {
        return new KafkaProbe(broker().bootstrapServers(), topicPrefix());
    }

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.get("service");
        if (service == null) {
            throw new IllegalArgumentException("init argument 'service' is required");
        }
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker kafka = broker();
        topicPrefix = "s" + UUID.randomUUID().toString().substring(0, 8) + ".";
        kafka.createTopics(topicPrefix);
        try (Admin admin = kafka.admin()) {
            admin.createAcls(KafkaSecurity.aclsOf(service, topicPrefix)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("ACLs of " + service + " not created", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        KafkaSecurity security = kafka.security();
        Map<String, String> config = new HashMap<>(security.clientConfig("kafka.", service, security.password(service)));
        config.put("qunguan.kafka.topic-prefix", topicPrefix);
        return config;
    }

    @Override
    public void stop() {
        // the broker lives for the JVM
    }
}
