package io.qunguan.notification.domain.acknowledgements;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.qunguan.notification.domain.directory.DirectoryReplica;
import io.qunguan.notification.domain.groups.GroupReplica;
import io.qunguan.notification.domain.timers.TimerRunner;
import io.qunguan.notification.mail.MailServerResource;
import io.qunguan.testkit.FakePlatformResource;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code qunguan_timers_overdue}, which the QunguanDeadlineBacklog alert reads: timers past due that no run fired
 * count in it, and stop counting once a run fires them. The scheduled runs are off here, so only the test fires.
 */
@QuarkusTest
@TestProfile(TimerBacklogIT.NoScheduledTimers.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(FakePlatformResource.class)
@WithTestResource(MailServerResource.class)
class TimerBacklogIT {

    public static class NoScheduledTimers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qunguan.notifications.timer-interval", "off");
        }
    }

    @Inject
    DirectoryReplica directory;
    @Inject
    GroupReplica groups;
    @Inject
    TimerRunner timers;
    @Inject
    Acknowledgements acknowledgements;
    @Inject
    MeterRegistry registry;

    @Test
    void timersPastDueAndNotFiredCountInTheOverdueTimersGaugeUntilTheyFire() {
        GroupFixture group = new GroupFixture(List.of("a", "b"));
        group.publish(directory, groups);
        double before = overdueTimers();
        // a notice of three hours ago nobody acknowledged: its reminder and deadline fell due long since
        OffsetDateTime posted = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3);
        GroupFixture.publish(group.message("a", "【通知】今天下午3点消防演练，请全员参加", posted));
        Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> tracked(group), Optional::isPresent);
        Awaitility.await().atMost(GroupFixture.WITHIN).until(() -> overdueTimers() > before);

        timers.runDue(OffsetDateTime.now(ZoneOffset.UTC));
        assertTrue(overdueTimers() <= before, "fired timers are not overdue: " + overdueTimers() + " > " + before);
    }

    private double overdueTimers() {
        return registry.get("qunguan.timers.overdue").gauge().value();
    }

    private Optional<Acknowledgements.Tracked> tracked(GroupFixture group) {
        return QuarkusTransaction.requiringNew().call(() -> acknowledgements.ofGroup(group.groupId, 10).stream()
                .findFirst());
    }
}
