package io.qunguan.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupRosterPage;
import io.qunguan.events.GroupSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * What every replica of {@code group.state} must do with versions and paged rosters, driven through the real
 * broker: a paged roster is assembled from the pages its snapshot lists, an older snapshot arriving late changes
 * nothing, a snapshot whose page has not arrived keeps the roster held, and pages no snapshot lists are dropped.
 * The replica under test is read through {@link Replica}. The test's probe publishes each page before the snapshot
 * that needs it and waits until the replica holds it (group-service's own publisher puts them in the group's
 * partition, which the probe does not).
 */
public final class PagedRosterReplicas {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** How the test reads the service's replica. */
    public interface Replica {

        /** The version of the group's snapshot held; 0 for none. */
        long version(String groupId);

        /** The platform user ids of the group's members held. */
        Set<String> members(String groupId);

        /** How many roster pages of the group are kept. */
        int pagesKept(String groupId);
    }

    private PagedRosterReplicas() {
    }

    /**
     * A replica kept in {@code snapshots} (a row per group with its {@code state_version}) and {@code members} (a row
     * per member with its {@code platform_user_id}), its pages in libs/eventing's {@code roster_page}.
     */
    public static Replica inTables(DataSource dataSource, String snapshots, String members) {
        return new Replica() {
            @Override
            public long version(String groupId) {
                List<Object> rows = query(dataSource, "SELECT state_version FROM " + snapshots + " WHERE group_id = ?",
                        groupId);
                return rows.isEmpty() ? 0 : ((Number) rows.getFirst()).longValue();
            }

            @Override
            public Set<String> members(String groupId) {
                Set<String> users = new HashSet<>();
                query(dataSource, "SELECT platform_user_id FROM " + members + " WHERE group_id = ?", groupId)
                        .forEach(user -> users.add((String) user));
                return users;
            }

            @Override
            public int pagesKept(String groupId) {
                return ((Number) query(dataSource, "SELECT count(*) FROM roster_page WHERE group_id = ?", groupId)
                        .getFirst()).intValue();
            }
        };
    }

    private static List<Object> query(DataSource dataSource, String sql, String groupId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, groupId);
            List<Object> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getObject(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs the whole sequence against {@code replica}; throws at the first thing it does not do. */
    public static void check(KafkaProbe probe, Replica replica) {
        String group = "G-paged-" + UUID.randomUUID();
        page(probe, replica, group, 0, "a", "A", "B");
        page(probe, replica, group, 1, "b", "C");
        snapshot(probe, group, 5, List.of("a", "b"));
        until(() -> replica.version(group) == 5, "version 5 held");
        expect(Set.of("wecom:A", "wecom:B", "wecom:C"), replica.members(group), "the roster of pages a and b");

        // an older snapshot arrives late, then one listing a page that never came
        probe.publish(EventEnvelope.fresh("/group-service", new GroupSnapshot(group, "销售部-客户群", "customer",
                "ACTIVE", "D-1", null, "E-owner", List.of(), List.of("wecom:chat-" + group), 1, policy(),
                List.of(member("Z")), List.of(), OffsetDateTime.now(ZoneOffset.UTC), 4, null)));
        snapshot(probe, group, 7, List.of("a", "x"));
        until(() -> replica.version(group) == 7, "version 7 held");
        expect(Set.of("wecom:A", "wecom:B", "wecom:C"), replica.members(group),
                "the roster held: version 4 is older, and version 7's page x has not arrived");

        page(probe, replica, group, 1, "x", "C", "E");
        snapshot(probe, group, 8, List.of("a", "x"));
        until(() -> replica.version(group) == 8, "version 8 held");
        expect(Set.of("wecom:A", "wecom:B", "wecom:C", "wecom:E"), replica.members(group), "the roster of a and x");
        if (replica.pagesKept(group) != 2) {
            throw new AssertionError("pages kept: " + replica.pagesKept(group) + ", expected the 2 version 8 lists");
        }
    }

    private static void expect(Set<String> expected, Set<String> actual, String what) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + ": expected " + expected + ", held " + actual);
        }
    }

    private static void page(KafkaProbe probe, Replica replica, String group, int page, String digest,
            String... users) {
        int before = replica.pagesKept(group);
        probe.publish(EventEnvelope.fresh("/group-service", new GroupRosterPage(group, page, digest,
                Arrays.stream(users).map(PagedRosterReplicas::member).toList())));
        until(() -> replica.pagesKept(group) > before, "page " + page + " " + digest + " kept");
    }

    private static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
        }
    }

    private static void snapshot(KafkaProbe probe, String group, long version, List<String> digests) {
        probe.publish(EventEnvelope.fresh("/group-service", new GroupSnapshot(group, "销售部-客户群", "customer",
                "ACTIVE", "D-1", null, "E-owner", List.of(), List.of("wecom:chat-" + group), 1, policy(), List.of(),
                List.of(), OffsetDateTime.now(ZoneOffset.UTC), version,
                new GroupSnapshot.PagedRoster(digests.size() * 2, digests))));
    }

    private static GroupSnapshot.Member member(String user) {
        return new GroupSnapshot.Member("E-" + user, "wecom:" + user, "D-1", null, "MEMBER");
    }

    private static JsonNode policy() {
        try {
            return EventJson.MAPPER.readTree("{\"moderation\": {\"contentActions\": {}}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
