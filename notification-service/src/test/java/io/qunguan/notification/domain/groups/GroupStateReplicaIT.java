package io.qunguan.notification.domain.groups;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PagedRosterReplicas;
import io.qunguan.testkit.PostgresResource;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** This service's replica of {@code group.state} keeps versions and assembles paged rosters (real broker, database). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class GroupStateReplicaIT {

    @Inject
    DataSource dataSource;

    @Test
    void snapshotVersionsAndPagedRostersAreApplied() {
        try (KafkaProbe probe = KafkaResource.probe()) {
            PagedRosterReplicas.check(probe, PagedRosterReplicas.inTables(dataSource, "group_replica", "group_replica_member"));
        }
    }
}
