package io.qunguan.group.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.QueryPlans;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The membership and task queries each read through their index (issue 16, housekeeping): their SQL, as the domain
 * asks it, planned by the service's PostgreSQL over fifty thousand rows a table.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class QueryPlansIT {

    /** Fifty thousand members, chats, tasks and requests over five thousand groups. */
    private static final List<String> VOLUME = List.of("""
                    INSERT INTO group_chat (chat_key, platform, chat_id, group_id, first_seen_at)
                    SELECT 'generic:c' || i, 'generic', 'c' || i, 'g-' || (i % 5000), now()
                    FROM generate_series(1, 50000) i""", """
                    INSERT INTO chat_member (chat_key, platform_user_id, joined_at)
                    SELECT 'generic:c' || (i % 5000), 'u-' || i, now() FROM generate_series(1, 50000) i""", """
                    INSERT INTO group_task (group_id, kind, rule_id, subject, assignee_id, detail, status, opened_at)
                    SELECT 'g-' || (i % 5000), 'REVIEW', 'GL-9', 's-' || i, 'e-' || (i % 3000), 'd',
                           CASE WHEN i % 10 = 0 THEN 'OPEN' ELSE 'DONE' END, now() - i * interval '1 minute'
                    FROM generate_series(1, 50000) i""", """
                    INSERT INTO membership_request (group_id, change, employee_id, reason, requested_by,
                                                    requested_at, status)
                    SELECT 'g-' || (i % 5000), 'ADD', 'e-' || i, 'r', 'x', now(),
                           CASE WHEN i % 5 = 0 THEN 'PENDING' ELSE 'DONE' END
                    FROM generate_series(1, 50000) i""",
            "ANALYZE group_chat", "ANALYZE chat_member", "ANALYZE group_task", "ANALYZE membership_request");

    @Inject
    DataSource dataSource;

    /** What the domain asks, the index that must answer it, the query as SQL. */
    private static final List<List<String>> QUERIES = List.of(
            List.of("a platform user's chats (every join's MB-4 and AC-5 checks)", "chat_member_user",
                    "SELECT * FROM chat_member WHERE platform_user_id = 'u-1' AND chat_key LIKE 'generic:%'"),
            List.of("the members of a group's chats", "chat_member_pkey", "SELECT * FROM chat_member "
                    + "WHERE chat_key IN ('generic:c1', 'generic:c2') ORDER BY chat_key, platform_user_id"),
            List.of("a group's chats", "group_chat_group",
                    "SELECT * FROM group_chat WHERE group_id = 'g-1' ORDER BY chat_key"),
            List.of("a group's open tasks", "group_task_group",
                    "SELECT * FROM group_task WHERE group_id = 'g-1' AND status = 'OPEN'"),
            List.of("a group's tasks", "group_task_group",
                    "SELECT * FROM group_task WHERE group_id = 'g-1' ORDER BY status DESC, opened_at"),
            List.of("everyone's open tasks, oldest first (HR)", "group_task_open_age",
                    "SELECT * FROM group_task WHERE status = 'OPEN' ORDER BY opened_at"),
            List.of("a person's open tasks", "group_task_assignee",
                    "SELECT * FROM group_task WHERE status = 'OPEN' AND assignee_id = 'e-1' ORDER BY opened_at"),
            List.of("a person's live membership request (MB-2)", "membership_request_live",
                    "SELECT count(*) FROM membership_request WHERE group_id = 'g-1' AND employee_id = 'e-1' "
                            + "AND change = 'ADD' AND status IN ('PENDING', 'APPROVED')"),
            List.of("a group's membership requests", "membership_request_group", "SELECT * FROM membership_request "
                    + "WHERE group_id = 'g-1' ORDER BY requested_at DESC, id DESC"));

    @Test
    void everyMembershipAndTaskQueryReadsThroughItsIndex() {
        Map<String, List<String>> plans = QueryPlans.plans(dataSource, VOLUME,
                QUERIES.stream().map(query -> query.get(2)).toList());
        List<String> unindexed = QUERIES.stream().filter(query -> !QueryPlans.uses(plans.get(query.get(2)),
                query.get(1))).map(query -> query.get(0) + " does not use " + query.get(1) + ":\n"
                + String.join("\n", plans.get(query.get(2)))).toList();
        assertEquals(List.of(), unindexed);
    }
}
