package io.qunguan.moderation.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The roster queries moderation-service makes per message and per read reach group_member through an index. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class QueryPlansIT {

    /** Fifty thousand roster entries over five thousand groups. */
    private static final List<String> VOLUME = List.of("""
                    INSERT INTO group_policy (group_id, policy_version, moderation, updated_at)
                    SELECT 'g-' || i, 1, '{}', now() FROM generate_series(1, 5000) i""", """
                    INSERT INTO group_member (group_id, platform_user_id, employee_id, department_id)
                    SELECT 'g-' || (i % 5000), 'generic:u-' || i, 'e-' || i, 'd-' || (i % 100)
                    FROM generate_series(1, 50000) i""", "ANALYZE group_policy", "ANALYZE group_member");

    @Inject
    DataSource dataSource;

    @Test
    void aPersonsDepartmentAndAMembersRosterEntryAreFoundThroughIndexes() {
        Map<String, String> queries = Map.of("""
                        SELECT m.department_id FROM group_member m JOIN group_policy p ON p.group_id = m.group_id
                        WHERE m.employee_id = 'e-1' AND m.department_id IS NOT NULL ORDER BY p.updated_at DESC LIMIT 1""",
                "group_member_employee",
                "SELECT employee_id FROM group_member WHERE group_id = 'g-1' AND platform_user_id = 'generic:u-1'",
                "group_member_user");
        Map<String, List<String>> plans = QueryPlans.plans(dataSource, VOLUME, List.copyOf(queries.keySet()));
        queries.forEach((sql, index) -> assertTrue(QueryPlans.uses(plans.get(sql), index),
                sql + "\ndoes not use " + index + ":\n" + String.join("\n", plans.get(sql))));
    }
}
