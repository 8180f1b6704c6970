package io.qunguan.reporting.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.AppealFiled;
import io.qunguan.events.DeadlineKind;
import io.qunguan.events.DeadlineOpened;
import io.qunguan.events.DepartmentChanged;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.PersonnelChanged;
import io.qunguan.events.Platform;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The read models rebuilt from the topics (issue 18): after violations (one reversed on appeal), response times,
 * group snapshots (a newer one superseding an older) and directory records were projected live, the operator's rebuild
 * reads every topic again from its start into a fresh schema, and this scenario's rows there are the live ones, row
 * for row; the live tables are untouched.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class RebuildIT {

    private static final Tokens TOKENS = Tokens.forTests();

    @Inject
    DataSource dataSource;

    @Test
    void theRebuildFromTheTopicsHoldsTheSameRowsAsTheLiveReadModels() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String group = "G-rb-" + s;
        String person = "E-rb-" + s;
        String department = "D-rb-" + s;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        ViolationOpened reversed = violation(group, person, "CT-2", now.minusHours(3));
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/group-service", new DepartmentChanged(department, "审计部", null,
                    "E-head-" + s, true, now.minusDays(30))));
            probe.publish(EventEnvelope.fresh("/group-service", new EmployeeChanged(person,
                    PersonnelChanged.Change.HIRED, "重建", department, null, null, "P3", null, false, true,
                    Map.of("generic", "u-" + person), null, null, now.minusDays(30))));
            for (int version = 1; version <= 2; version++) {
                probe.publish(EventEnvelope.fresh("/group-service", new GroupSnapshot(group, "审计部-群v" + version,
                        "department", "ACTIVE", department, null, person, List.of(), List.of("generic:c-" + s + version),
                        1, EventJson.MAPPER.createObjectNode(), List.of(), List.of(), now.minusDays(3 - version),
                        version, null)));
            }
            probe.publish(EventEnvelope.fresh("/moderation-service", violation(group, person, "CT-4",
                    now.minusHours(4))));
            probe.publish(EventEnvelope.fresh("/moderation-service", reversed));
            probe.publish(EventEnvelope.fresh("/moderation-service", new AppealDecided(UUID.randomUUID(),
                    reversed.violationId(), group, Platform.GENERIC, "c-" + s, "generic:u-" + person, person, "CT-2",
                    reversed.sanction(), true, "误判", "E-head-" + s, now.minusHours(1))));
            probe.publish(EventEnvelope.fresh("/moderation-service", new ResponseMeasured(UUID.randomUUID(), group,
                    Platform.GENERIC, "c-" + s, "m-" + s, "generic:u-lead", "E-lead", "generic:u-" + person, person,
                    now.minusHours(2), now.minusHours(2), now.minusHours(2).plusMinutes(30),
                    now.minusHours(2).plusMinutes(9), 540L, true, null, DeadlineKind.RESPONSE, department)));
            // a deadline still open and an appeal still waiting, for the dashboard's open items
            probe.publish(EventEnvelope.fresh("/moderation-service", new DeadlineOpened(UUID.randomUUID(),
                    DeadlineKind.FOLLOW_THROUGH, group, Platform.GENERIC, "c-" + s, "m2-" + s, "generic:u-lead",
                    "E-lead", "generic:u-" + person, person, department, now.minusHours(1), now.plusHours(5))));
            probe.publish(EventEnvelope.fresh("/moderation-service", new AppealFiled(UUID.randomUUID(),
                    UUID.randomUUID(), group, "CT-4", person, now.minusMinutes(30), now.plusDays(3))));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM violation_view "
                + "WHERE group_id = '" + group + "' AND reversed_at IS NOT NULL") == 1
                && count("SELECT count(*) FROM response_time WHERE group_id = '" + group + "'") == 1
                && count("SELECT count(*) FROM group_replica WHERE group_id = '" + group + "' AND state_version = 2")
                == 1 && count("SELECT count(*) FROM person_account WHERE employee_id = '" + person + "'") == 1
                && count("SELECT count(*) FROM open_deadline WHERE group_id = '" + group + "'") == 1
                && count("SELECT count(*) FROM open_appeal WHERE group_id = '" + group + "'") == 1);
        long liveViolations = count("SELECT count(*) FROM violation_view");

        String schema = given().auth().oauth2(TOKENS.issue("operator", "ops-" + s, null))
                .post("/api/operator/rebuild").then().statusCode(200)
                .body("tables.find { it.table == 'violation_view' }.live", equalTo((int) liveViolations))
                .extract().path("schema");
        Map<String, String> scenario = Map.of(
                "violation_view", "group_id = '" + group + "'",
                "response_time", "group_id = '" + group + "'",
                "group_replica", "group_id = '" + group + "'",
                "group_replica_chat", "group_id = '" + group + "'",
                "person", "employee_id = '" + person + "'",
                "person_account", "employee_id = '" + person + "'",
                "department", "department_id = '" + department + "'",
                "open_deadline", "group_id = '" + group + "'",
                "open_appeal", "group_id = '" + group + "'");
        scenario.forEach((table, where) -> {
            try {
                long rebuilt = count("SELECT count(*) FROM " + schema + "." + table + " WHERE " + where);
                assertTrue(rebuilt > 0, table + " has this scenario's rows again");
                assertEquals(count("SELECT count(*) FROM public." + table + " WHERE " + where), rebuilt, table);
                assertEquals(0, count("SELECT count(*) FROM (SELECT * FROM public." + table + " WHERE " + where
                        + " EXCEPT SELECT * FROM " + schema + "." + table + " WHERE " + where + ") d"), table);
                assertEquals(0, count("SELECT count(*) FROM (SELECT * FROM " + schema + "." + table + " WHERE "
                        + where + " EXCEPT SELECT * FROM public." + table + " WHERE " + where + ") d"), table);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        // the newer snapshot won in the rebuild as it did live; the reversal is there; the live tables are as they were
        assertEquals(1, count("SELECT count(*) FROM " + schema + ".group_replica WHERE group_id = '" + group
                + "' AND name = '审计部-群v2'"));
        assertEquals(1, count("SELECT count(*) FROM " + schema + ".violation_view WHERE group_id = '" + group
                + "' AND reversed_at IS NOT NULL"));
        assertEquals(liveViolations, count("SELECT count(*) FROM violation_view"));
        given().auth().oauth2(TOKENS.issue("hr", "hr-" + s, null)).post("/api/operator/rebuild").then()
                .statusCode(403);
    }

    private static ViolationOpened violation(String group, String person, String rule, OffsetDateTime at) {
        return new ViolationOpened(UUID.randomUUID(), rule, "abuse", Severity.MEDIUM, group, Platform.GENERIC,
                "c-" + group, "generic:u-" + person, person, person, "m-" + UUID.randomUUID(), "***", List.of(),
                ViolationOpened.AppliedPolicy.COMPANY_DEFAULT, 1, Sanction.of(Sanction.Kind.WARNING), at);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
