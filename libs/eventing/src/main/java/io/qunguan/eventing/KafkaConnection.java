package io.qunguan.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * How this service's own Kafka clients (the publisher, the dead-letter reader, the health check) reach the cluster:
 * {@code kafka.bootstrap.servers} and the same security settings the SmallRye channels take from {@code kafka.*} —
 * {@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*} — so TLS and SASL are set once.
 */
@ApplicationScoped
public class KafkaConnection {

    private final Properties properties = new Properties();

    public KafkaConnection(Config config) {
        properties.put("bootstrap.servers", config.getOptionalValue("kafka.bootstrap.servers", String.class)
                .orElse("127.0.0.1:9092"));
        for (String name : config.getPropertyNames()) {
            // KAFKA_SASL_JAAS_CONFIG in the environment is kafka.sasl.jaas.config, as for the SmallRye channels
            String key = name.startsWith("kafka.") ? name.substring("kafka.".length())
                    : name.startsWith("KAFKA_") ? name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT)
                            .replace('_', '.') : null;
            if (key != null && (key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl."))) {
                config.getOptionalValue(name, String.class).ifPresent(value -> properties.put(key, value));
            }
        }
    }

    /** A fresh copy of the connection's client properties, to add a client's own to. */
    public Properties clientProperties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }
}
