package io.qunguan.group.domain.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.group.domain.groups.GroupTask.Kind;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A chat or a task first seen by two transactions at once (the membership consumer and a REST call, GL-1) is recorded
 * once and neither transaction fails. Both transactions look before either commits: recording on sight would have the
 * second commit fail on the key.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class ConcurrentFirstSightIT {

    @Inject
    GroupTasks tasks;

    @Test
    void twoTransactionsSeeingTheSameNewChatAndOpeningTheSameTaskBothCommitAndOneRowEach() throws Exception {
        String chatKey = "generic:race-" + UUID.randomUUID();
        CyclicBarrier bothLooked = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> sides = new ArrayList<>();
            for (int side = 0; side < 2; side++) {
                sides.add(threads.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    GroupChat.lockedOrNew(chatKey, now);
                    GroupTask task = tasks.open(null, chatKey, Kind.REGISTER_CHAT, "GL-1", chatKey, null,
                            "register the chat", now.plusDays(3));
                    awaitTheOther(bothLooked);
                    return task.id;
                })));
            }
            long first = sides.get(0).get(30, TimeUnit.SECONDS);
            long second = sides.get(1).get(30, TimeUnit.SECONDS);
            assertEquals(first, second, "both transactions hold the same task");
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> GroupChat.count("chatKey", chatKey)));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> GroupTask.count("chatKey = ?1 and kind = ?2",
                chatKey, Kind.REGISTER_CHAT)));
    }

    /**
     * Waits until the other transaction has looked too. When the first one's insert holds the row, the second waits in
     * the database instead, so the wait ends after a while and the first commits, releasing the second.
     */
    private static void awaitTheOther(CyclicBarrier barrier) throws InterruptedException, BrokenBarrierException {
        try {
            barrier.await(2, TimeUnit.SECONDS);
        } catch (TimeoutException | BrokenBarrierException waitedInTheDatabase) {
            // the other transaction is blocked on this one's row
        }
    }
}
