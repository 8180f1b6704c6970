package io.qunguan.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The Testcontainers branch: runs where a Docker daemon answers, skips cleanly elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class ContainersIT {

    @Test
    void postgresContainerServesDatabases() {
        try (PostgresServer server = PostgresServer.testcontainers()) {
            assertEquals(PostgresServer.Origin.TESTCONTAINERS, server.origin());
            String database = server.createDatabase("qg_kit");
            server.dropDatabase(database);
        }
    }

    @Test
    void kafkaContainerServesTopics() {
        System.setProperty(KafkaBroker.FORCE_PROPERTY, "testcontainers");
        try (KafkaBroker broker = KafkaBroker.resolve()) {
            broker.createTopics("tc.");
        } finally {
            System.clearProperty(KafkaBroker.FORCE_PROPERTY);
        }
    }
}
