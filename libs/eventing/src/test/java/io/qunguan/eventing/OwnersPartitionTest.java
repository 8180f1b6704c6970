package io.qunguan.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qunguan.events.PartitionKeys;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class OwnersPartitionTest {

    @Test
    void aPartsKeyGoesWhereTheProducerSendsItsOwnersKey() {
        for (int partitions : new int[] {1, 3, 12, 48}) {
            for (int group = 0; group < 200; group++) {
                String owner = "grp-" + group;
                int producers = BuiltInPartitioner.partitionForKey(owner.getBytes(StandardCharsets.UTF_8), partitions);
                assertEquals(producers, EventPublisher.ownersPartition(PartitionKeys.within(owner, "roster-7"),
                        partitions), owner + " of " + partitions);
                assertEquals(producers, EventPublisher.ownersPartition(owner, partitions));
            }
        }
    }
}
