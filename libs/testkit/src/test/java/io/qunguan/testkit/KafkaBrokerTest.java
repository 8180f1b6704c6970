package io.qunguan.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Cluster ids: one in 64 base64 ids starts with '-', which made the storage tool fail now and then. */
class KafkaBrokerTest {

    @Test
    void clusterIdsNeverStartWithADash() {
        for (int i = 0; i < 10_000; i++) {
            String id = KafkaBroker.randomClusterId();
            assertFalse(id.startsWith("-"), id);
            assertEquals(22, id.length());
        }
    }
}
