package io.qunguan.reporting.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.DepartmentChanged;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.PersonnelChanged;
import io.qunguan.events.Platform;
import io.qunguan.events.ReportPublished;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.reporting.domain.reports.MonthlyReports;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The monthly reports (SV-1) on a real broker and database: once April has ended, the head of each department with
 * people gets its report and HR the company's, each a {@code ReportPublished} on {@code reporting.events} through the
 * outbox; publishing the month again, as a second replica or a second run would, publishes nothing.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class MonthlyReportIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final OffsetDateTime APRIL = OffsetDateTime.parse("2026-04-15T10:00:00+08:00");

    @Inject
    MonthlyReports reports;

    @Test
    void sv1EachDepartmentHeadGetsTheirDepartmentsReportAndHrTheCompanysOnceHoweverOftenItIsPublished()
            throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String ops = "D-ops-" + s;
        String sales = "D-sales-" + s;
        String alice = "E-alice-" + s;
        String carol = "E-carol-" + s;
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/group-service", new DepartmentChanged(ops, "运营部", null,
                    "E-head-ops-" + s, true, APRIL.minusYears(1))));
            probe.publish(EventEnvelope.fresh("/group-service", new DepartmentChanged(sales, "销售部", null,
                    "E-head-sales-" + s, true, APRIL.minusYears(1))));
            for (String[] person : new String[][] {{alice, ops}, {carol, sales}}) {
                probe.publish(EventEnvelope.fresh("/group-service", new EmployeeChanged(person[0],
                        PersonnelChanged.Change.HIRED, person[0], person[1], null, "职员", "P4", null, false, true,
                        Map.of("generic", "u-" + person[0]), null, null, APRIL.minusYears(1))));
            }
            probe.publish(EventEnvelope.fresh("/moderation-service", new ViolationOpened(UUID.randomUUID(), "CT-4",
                    "personal-data", Severity.HIGH, "G-report", Platform.GENERIC, "chat-report",
                    "generic:u-" + alice, alice, alice, "m-" + s, "***", List.of(),
                    ViolationOpened.AppliedPolicy.COMPANY_DEFAULT, 1, Sanction.fine(200), APRIL)));
        }
        String hr = TOKENS.issue("hr", "hr-" + s, null);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(hr)
                .get("/api/assessment?period=2026-04&departmentId=" + ops).then().statusCode(200)
                .body("people", hasSize(1)).body("people[0].violations", equalTo(1)));
        // 销售部 and its person come on other partitions: both departments are known before the month is published
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(hr)
                .get("/api/assessment?period=2026-04&departmentId=" + sales).then().statusCode(200)
                .body("people", hasSize(1)));

        List<MonthlyReports.Report> first = given().auth().oauth2(hr).post("/api/reports/monthly/2026-04").then()
                .statusCode(200).extract().jsonPath().getList("", MonthlyReports.Report.class);
        assertTrue(first.stream().anyMatch(report -> ops.equals(report.departmentId())
                && ("E-head-ops-" + s).equals(report.recipientId()) && report.violations() == 1
                && report.finesYuan() == 200), first.toString());
        assertTrue(first.stream().anyMatch(report -> "COMPANY".equals(report.scope())), first.toString());
        // again, as a second replica or the next timer run would: nothing more
        given().auth().oauth2(hr).post("/api/reports/monthly/2026-04").then().statusCode(200).body("", hasSize(0));
        assertEquals(0, reports.publish(YearMonth.of(2026, 4)).size());

        try (KafkaProbe probe = KafkaResource.probe()) {
            // fails unless the sales report is published within 30 s
            probe.eventsThrough(Topics.REPORTING_EVENTS,
                    event -> event.data() instanceof ReportPublished published && sales.equals(published.departmentId()),
                    Duration.ofSeconds(30));
            List<ReportPublished> ours = probe.readAll(Topics.REPORTING_EVENTS, Duration.ofSeconds(10)).stream()
                    .map(record -> io.qunguan.events.EventJson.read(record.value()).data())
                    .filter(ReportPublished.class::isInstance).map(ReportPublished.class::cast)
                    .filter(report -> ops.equals(report.departmentId()) || sales.equals(report.departmentId()))
                    .toList();
            assertEquals(2, ours.size(), "one report per department, once: " + ours);
            ReportPublished opsReport = ours.stream().filter(report -> ops.equals(report.departmentId())).findFirst()
                    .orElseThrow();
            assertEquals("E-head-ops-" + s, opsReport.recipientId());
            assertEquals("2026-04", opsReport.period());
            assertTrue(opsReport.pagePath().startsWith("/dashboard?period=2026-04&departmentId="),
                    opsReport.pagePath());
            assertTrue(opsReport.exportPath().contains("/api/exports/assessment?format=xlsx&period=2026-04"));
        }

        // the head of 运营部 sees the report sent to them, and no other
        given().auth().oauth2(TOKENS.issue("dept-head", "E-head-ops-" + s, ops)).get("/api/reports?period=2026-04")
                .then().statusCode(200).body("", hasSize(1)).body("[0].departmentId", equalTo(ops));
        given().auth().oauth2(hr).get("/api/reports?period=2026-04").then().statusCode(200)
                .body("departmentId", hasItem(sales));
        // a month that has not ended is not reported; nor does anyone but HR or an operator publish
        given().auth().oauth2(hr).post("/api/reports/monthly/" + YearMonth.now()).then().statusCode(400)
                .body("error", containsString("ended"));
        given().auth().oauth2(TOKENS.issue("dept-head", "E-head-ops-" + s, ops)).post("/api/reports/monthly/2026-03")
                .then().statusCode(403);
        given().auth().oauth2(hr).post("/api/reports/monthly/April").then().statusCode(400);
        // two replicas publishing March at the same moment: one files the reports, the other nothing
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<Integer> publish = () -> reports.publish(YearMonth.of(2026, 3)).size();
            List<Integer> published = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> done : two.invokeAll(List.of(publish, publish))) {
                published.add(done.get());
            }
            assertEquals(1, published.stream().filter(count -> count > 0).count(), published.toString());
        } finally {
            two.shutdown();
        }
        // the timer's rule: last month's reports are due from 09:00 on the 1st in Shanghai
        assertEquals(java.util.Optional.empty(), reports.due(OffsetDateTime.parse("2026-05-01T08:59:00+08:00")));
        assertEquals(java.util.Optional.of(YearMonth.of(2026, 4)),
                reports.due(OffsetDateTime.parse("2026-05-01T09:00:00+08:00")));
    }
}
