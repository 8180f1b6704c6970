package io.qunguan.notification.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.AnnouncementPublished;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.GroupDissolved;
import io.qunguan.events.GroupTaskOpened;
import io.qunguan.events.PersonnelChanged.Change;
import io.qunguan.events.Topics;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * group.events owe notices: a task to its assignee (GL-6 here) or HR's queue (GL-5), a dissolution to every member
 * (GL-8), addressed by employee once the directory places the member's platform account; each once, however often
 * the event is delivered, past poison and events that owe nothing.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class GroupNoticeIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final String HR = TOKENS.issue("hr", "hr-1", "人力资源部");
    private static final DateTimeFormatter CHINA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.ofHours(8));

    @Test
    void gl6Gl5Gl8TasksReachTheirAssigneeOrHrAndADissolutionEveryMemberOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String group = "G-" + run;
        String owner = "E-OWN-" + run;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        EventEnvelope<GroupTaskOpened> announce = EventEnvelope.fresh("/group-service", new GroupTaskOpened(1L, group,
                "PUBLISH_ANNOUNCEMENT", "GL-6", owner, "", "publish the announcement: purpose, rules", now.plusDays(3),
                now));
        EventEnvelope<GroupTaskOpened> takeOver = EventEnvelope.fresh("/group-service", new GroupTaskOpened(2L, group,
                "TAKE_OVER", "GL-5", null, "", "the owner left and named no successor", null, now));
        List<String> members = List.of("generic:u-a-" + run, "generic:u-b-" + run);
        EventEnvelope<GroupDissolved> dissolved = EventEnvelope.fresh("/group-service", new GroupDissolved(group,
                "行政人事部-值班群", "项目结束", owner, List.of("generic:duty-" + run), members, now));
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publishRaw(Topics.GROUP_EVENTS, group, "{not an event".getBytes(StandardCharsets.UTF_8));
            probe.publish(EventEnvelope.fresh("/group-service", new AnnouncementPublished(group, "值班", "排班",
                    "行政人事部", "按时交接", owner, owner, now)));
            probe.publish(announce);
            probe.publish(announce);
            probe.publish(takeOver);
            probe.publish(dissolved);
            probe.publish(dissolved);
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(HR).get("/api/notices?status=UNRESOLVED&limit=200").then().statusCode(200)
                        .body("findAll { it.address == '" + members.get(1) + "' }", hasSize(1))
                        .body("find { it.address == '" + members.get(1) + "' }.kind", equalTo("GROUP_DISSOLVED")));
        given().auth().oauth2(TOKENS.issue("employee", owner, "行政人事部"))
                .get("/api/people/{id}/notices", owner).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].kind", equalTo("GROUP_TASK"))
                .body("[0].subject", containsString("GL-6")).body("[0].body", containsString("publish the announcement"))
                .body("[0].body", containsString(CHINA_TIME.format(announce.data().dueAt())))
                .body("[0].groupId", equalTo(group));
        given().auth().oauth2(HR).get("/api/notices?status=QUEUED&audience=hr&limit=200").then().statusCode(200)
                .body("findAll { it.groupId == '" + group + "' }", hasSize(1))
                .body("find { it.groupId == '" + group + "' }.subject", containsString("GL-5"));

        // the directory learns whose the first member's account is: the waiting notice is now theirs
        String memberA = "E-A-" + run;
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/group-service/directory", new EmployeeChanged(memberA, Change.HIRED,
                    "李四", "ADM", null, null, "staff", null, false, true, Map.of("generic", "u-a-" + run), null, null,
                    now)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(HR).get("/api/people/{id}/notices", memberA).then().statusCode(200)
                        .body("$", hasSize(1)).body("[0].kind", equalTo("GROUP_DISSOLVED"))
                        .body("[0].body", containsString("行政人事部-值班群"))
                        .body("[0].body", containsString("项目结束")));
    }
}
