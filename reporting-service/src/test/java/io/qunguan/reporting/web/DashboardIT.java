package io.qunguan.reporting.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's pages over plain HTTP (the browser test drives them in Chromium): a caller without a session is sent
 * to the sign-in page; the development sign-in sets an HttpOnly, SameSite=Strict session cookie the pages and the API
 * both take; a role without a page is told so; a forged or foreign session is refused.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class DashboardIT {

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    private static RequestSpecification noRedirects() {
        return given().config(RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)));
    }

    @Test
    void withoutASessionThePageSendsToSignInAndTheDevelopmentSignInSetsAStrictHttpOnlyCookie() throws Exception {
        noRedirects().get("/dashboard").then().statusCode(303).header("Location", containsString("/dashboard/sign-in"));
        noRedirects().get("/dashboard/people/E-anyone").then().statusCode(303);
        given().get("/dashboard/sign-in").then().statusCode(200).body(containsString("id=\"dev-sign-in\""));

        var signedIn = noRedirects().contentType("application/x-www-form-urlencoded").formParam("person", "hr-dash")
                .formParam("role", "hr").post("/dashboard/sign-in");
        signedIn.then().statusCode(303).header("Location", containsString("/dashboard"))
                .header("Set-Cookie", allOf(containsString("qunguan_session="), containsString("HttpOnly"),
                        containsString("SameSite=Strict")));
        String session = signedIn.getCookie("qunguan_session");
        given().cookie("qunguan_session", session).get("/dashboard").then().statusCode(200)
                .body(containsString("id=\"chart-by-rule\""), containsString("hr-dash"),
                        containsString("/webjars/echarts/5.3.1/dist/echarts.common.min.js"));
        given().cookie("qunguan_session", session).get("/dashboard?lang=en").then().statusCode(200)
                .body(containsString("Violations over time by rule"));
        // the same session reaches the API (the export links of the page)
        given().cookie("qunguan_session", session).queryParam("format", "csv").get("/api/exports/assessment").then()
                .statusCode(200);
        // the chart library is served from the webjar
        given().get("/webjars/echarts/5.3.1/dist/echarts.common.min.js").then().statusCode(200);

        // an employee's dashboard is their own record, and only theirs
        String employee = signIn("E-dash-own", "employee", "D-dash");
        noRedirects().cookie("qunguan_session", employee).get("/dashboard").then().statusCode(303)
                .header("Location", containsString("/dashboard/people/E-dash-own"));
        given().cookie("qunguan_session", employee).get("/dashboard/people/E-dash-own").then().statusCode(200)
                .body(containsString("E-dash-own"));
        given().cookie("qunguan_session", employee).get("/dashboard/people/E-dash-other").then().statusCode(403);
        // a department head sees no one outside their department, however much is on record about them
        execute("INSERT INTO person (employee_id, real_name, department_id, active, changed_at) VALUES "
                + "('E-dash-elsewhere', '别处', 'D-elsewhere', true, now()) ON CONFLICT DO NOTHING");
        execute("INSERT INTO violation_view (id, rule_id, group_id, employee_id, masked_evidence, opened_at) VALUES "
                + "(gen_random_uuid(), 'CT-4', 'G-elsewhere', 'E-dash-elsewhere', '别处的证据***', now())");
        given().cookie("qunguan_session", session).get("/dashboard/people/E-dash-elsewhere").then().statusCode(200)
                .body(containsString("别处的证据***"));
        String head = signIn("E-dash-head", "dept-head", "D-dash");
        given().cookie("qunguan_session", head).get("/dashboard/people/E-dash-elsewhere").then().statusCode(404)
                .body(not(containsString("别处的证据")));
        // the cookie reads the API but changes nothing through it: a write needs the Authorization header
        given().cookie("qunguan_session", session).post("/api/reports/monthly/2025-01").then().statusCode(403)
                .body(containsString("Authorization header"));
        given().auth().oauth2(Tokens.forTests().issue("hr", "hr-dash", null)).post("/api/reports/monthly/2025-01")
                .then().statusCode(200);

        given().contentType("application/x-www-form-urlencoded").formParam("person", "x").formParam("role", "operator")
                .post("/dashboard/sign-in").then().statusCode(400);
        String operator = Tokens.forTests().issue("operator", "ops-dash", null);
        given().cookie("qunguan_session", operator).get("/dashboard").then().statusCode(403);
        // a session not signed by the key the service trusts is no session
        given().cookie("qunguan_session", session.substring(0, session.length() - 4) + "AAAA").get("/dashboard")
                .then().statusCode(401);
        noRedirects().get("/dashboard/sign-out").then().statusCode(303)
                .header("Set-Cookie", allOf(containsString("qunguan_session="), containsString("Max-Age=0")));
        given().get("/static/dashboard.js").then().statusCode(200).body(containsString("echarts.init"));
        given().cookie("qunguan_session", session).get("/dashboard").then().statusCode(200)
                .body(containsString("<html lang=\"zh-CN\">"));
        given().cookie("qunguan_session", session).header("Accept-Language", "en-US").get("/dashboard").then()
                .statusCode(200).body(containsString("<html lang=\"en\">"));
        given().cookie("qunguan_session", session).get("/dashboard?period=garbage").then().statusCode(200);
        given().cookie("qunguan_session", session).get("/q/health").then().statusCode(equalTo(200));
    }

    private void execute(String sql) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String signIn(String person, String role, String department) {
        return noRedirects().contentType("application/x-www-form-urlencoded").formParam("person", person)
                .formParam("role", role).formParam("department", department).post("/dashboard/sign-in")
                .getCookie("qunguan_session");
    }
}
