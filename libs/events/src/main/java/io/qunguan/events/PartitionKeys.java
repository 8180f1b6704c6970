package io.qunguan.events;

/**
 * Keys of records that must travel in their owner's partition yet survive compaction as records of their own (a
 * large group's roster pages beside its snapshot on {@code group.state}): {@code <owner>#<part>}. Qunguan's
 * producers partition such a key by its owner alone, so the owner's records keep their order.
 */
public final class PartitionKeys {

    public static final char SEPARATOR = '#';

    private PartitionKeys() {
    }

    /** The key of {@code part} of {@code owner}'s records. */
    public static String within(String owner, String part) {
        return owner + SEPARATOR + part;
    }

    /** The part of {@code key} that chooses its partition: the owner of a part's key, else the whole key. */
    public static String owner(String key) {
        int separator = key.indexOf(SEPARATOR);
        return separator < 0 ? key : key.substring(0, separator);
    }
}
