package io.qunguan.group.api;

import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The webhook tests read what the service published: each test gets a fresh probe on the test broker. */
abstract class KafkaProbing {

    protected KafkaProbe probe;

    @BeforeEach
    void openProbe() {
        probe = KafkaResource.probe();
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }
}
