package io.qunguan.reporting.domain.archive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** How long the archive keeps messages when a group's policy does not say, and how it purges them (IS-1, IS-2). */
@ConfigMapping(prefix = "qunguan.archive")
public interface ArchiveConfig {

    /** Days a message is kept when neither its group's policy nor its type below says: work records, years. */
    @WithDefault("1095")
    int retentionDays();

    /** Days per group type when the group's policy has no {@code records.retentionDays}, e.g. social=30. */
    Map<String, Integer> typeRetentionDays();

    /** Messages deleted per purge transaction. */
    @WithDefault("5000")
    int purgeBatch();

    /** How often the purge runs (PurgeTimer), a Quarkus scheduler interval such as 1h; "off" in a test. */
    @WithDefault("1h")
    String purgeEvery();

    /** How long after start the purge first runs. */
    @WithDefault("1m")
    String purgeDelay();

    /** The longest a supervision grant may last, in hours (SV-5). */
    @WithDefault("168")
    int maxGrantHours();
}
