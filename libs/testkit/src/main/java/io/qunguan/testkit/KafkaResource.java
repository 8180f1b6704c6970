package io.qunguan.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Quarkus test resource: a real Kafka broker ({@link KafkaBroker#resolve()}, one per JVM) and fresh topic
 * names per test run, through the {@code qunguan.kafka.topic-prefix} every service applies.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.resolve();
            KafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "testkit-kafka-stop"));
        }
        return broker;
    }

    /** The prefix of the current run's topics; set by {@link #start()}. */
    private static volatile String topicPrefix;

    public static String topicPrefix() {
        return topicPrefix;
    }

    /** A probe on the current run's topics; the caller closes it. */
    public static KafkaProbe probe() {
        return new KafkaProbe(broker().bootstrapServers(), topicPrefix());
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker kafka = broker();
        topicPrefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        kafka.createTopics(topicPrefix);
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "qunguan.kafka.topic-prefix", topicPrefix);
    }

    @Override
    public void stop() {
        // the broker lives for the JVM; topics of past runs are left behind under their own prefix
    }
}
