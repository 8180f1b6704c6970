package io.qunguan.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How a service talks to Kafka through the eventing library. */
@ConfigMapping(prefix = "qunguan.kafka")
public interface EventingConfig {

    /** Prepended to every contract topic name; lets test runs and tenants share a cluster. */
    Optional<String> topicPrefix();

    /** How long a publisher waits for the broker's acknowledgement before giving up. */
    @WithDefault("5s")
    Duration sendTimeout();

    /** How often the outbox relay looks for rows when nothing woke it. */
    @WithDefault("500ms")
    Duration relayInterval();

    /** Rows the relay sends per transaction. */
    @WithDefault("200")
    int relayBatchSize();

    /** An outbox row older than this makes the service not ready: the broker is not taking its events. */
    @WithDefault("60s")
    Duration outboxMaxAge();

    /** How often the count of dead letters still to be looked at ({@code qunguan_dead_letters}) is refreshed. */
    @WithDefault("60s")
    Duration deadLetterCountInterval();

    /** How long a consumed event id is remembered (the idempotency ledger); longer than any redelivery horizon. */
    @WithDefault("30d")
    Duration processedRetention();

    /** How often the ledger is purged of older ids; {@code 0s} turns the purge off. */
    @WithDefault("1h")
    Duration processedPurgeInterval();

    /** The topic name to use for a contract topic. */
    default String topic(String contractTopic) {
        return topicPrefix().orElse("") + contractTopic;
    }
}
