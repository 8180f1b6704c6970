package io.qunguan.eventing;

/**
 * A service's consumer of one channel. Besides its Kafka records it takes a record an operator replays from its
 * dead-letter topic ({@link DeadLetters}), which reaches this consumer alone.
 */
public interface ChannelConsumer {

    /** The channel's name in the service's configuration, e.g. {@code messages}. */
    String channel();

    /** Handles one record's value, as for a record read from Kafka. */
    void consume(byte[] value);
}
