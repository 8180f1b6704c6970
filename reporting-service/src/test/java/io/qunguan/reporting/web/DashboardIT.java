package io.qunguan.reporting.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProvider;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's pages over plain HTTP (the browser test drives them in Chromium): a caller without a session is sent
 * to the identity provider (the testkit's development one) by the OIDC authorization-code flow with PKCE; the
 * callback sets quarkus-oidc's HttpOnly session cookie, which the pages and the export links take and nothing else;
 * a role without a page is told so; a tampered session is no session; signing out ends it at the provider too.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class DashboardIT {

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @ConfigProperty(name = "quarkus.oidc.dashboard.auth-server-url")
    String provider;

    @TestHTTPResource("/")
    URI root;

    private static RequestSpecification noRedirects() {
        return given().config(RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)));
    }

    @Test
    void withoutASessionThePageSendsToTheIdentityProviderAndTheCodeFlowSetsAnHttpOnlySession() throws Exception {
        noRedirects().get("/dashboard").then().statusCode(302)
                .header("Location", allOf(startsWith(provider + "/authorize?"), containsString("client_id="
                        + DevIdentityProvider.CLIENT_ID), containsString("response_type=code"),
                        containsString("code_challenge_method=S256"), containsString("state=")));
        noRedirects().get("/dashboard/people/E-anyone").then().statusCode(302)
                .header("Location", startsWith(provider + "/authorize?"));
        // the API is not a page: no session, no redirect, 401
        given().queryParam("format", "csv").get("/api/exports/assessment").then().statusCode(401);

        DevIdentityProvider.SignedIn hr = signIn("/dashboard?lang=en", "hr-dash", "hr", null);
        assertEquals(root.resolve("/dashboard?lang=en"), hr.landedOn(), "the flow returns to the page asked for");
        // HttpOnly; SameSite=Lax, not Strict: the way back from the identity provider is a navigation from its site
        assertTrue(hr.sessionSetCookies().stream().map(cookie -> cookie.toLowerCase(java.util.Locale.ROOT))
                .allMatch(cookie -> cookie.contains("httponly") && cookie.contains("samesite=lax")),
                hr.sessionSetCookies().toString());
        Map<String, String> session = hr.cookies();
        given().cookies(session).get("/dashboard").then().statusCode(200)
                .body(containsString("id=\"chart-by-rule\""), containsString("hr-dash"),
                        containsString("/webjars/echarts/5.3.1/dist/echarts.common.min.js"));
        given().cookies(session).get("/dashboard?lang=en").then().statusCode(200)
                .body(containsString("Violations over time by rule"));
        // the same session reaches the export links of the page
        given().cookies(session).queryParam("format", "csv").get("/api/exports/assessment").then().statusCode(200);
        // the chart library is served from the webjar
        given().get("/webjars/echarts/5.3.1/dist/echarts.common.min.js").then().statusCode(200);

        // an employee's dashboard is their own record, and only theirs
        Map<String, String> employee = signIn("/dashboard", "E-dash-own", "employee", "D-dash").cookies();
        noRedirects().cookies(employee).get("/dashboard").then().statusCode(303)
                .header("Location", containsString("/dashboard/people/E-dash-own"));
        given().cookies(employee).get("/dashboard/people/E-dash-own").then().statusCode(200)
                .body(containsString("E-dash-own"));
        given().cookies(employee).get("/dashboard/people/E-dash-other").then().statusCode(403);
        // a department head sees no one outside their department, however much is on record about them
        execute("INSERT INTO person (employee_id, real_name, department_id, active, changed_at) VALUES "
                + "('E-dash-elsewhere', '别处', 'D-elsewhere', true, now()) ON CONFLICT DO NOTHING");
        execute("INSERT INTO violation_view (id, rule_id, group_id, employee_id, masked_evidence, opened_at) VALUES "
                + "(gen_random_uuid(), 'CT-4', 'G-elsewhere', 'E-dash-elsewhere', '别处的证据***', now())");
        given().cookies(session).get("/dashboard/people/E-dash-elsewhere").then().statusCode(200)
                .body(containsString("别处的证据***"));
        Map<String, String> head = signIn("/dashboard", "E-dash-head", "dept-head", "D-dash").cookies();
        given().cookies(head).get("/dashboard/people/E-dash-elsewhere").then().statusCode(404)
                .body(not(containsString("别处的证据")));
        // the session reads the export links and nothing else of the API, and changes nothing through it
        given().cookies(session).post("/api/reports/monthly/2025-01").then().statusCode(401);
        given().cookies(session).get("/api/violations").then().statusCode(401);
        given().auth().oauth2(Tokens.forTests().issue("hr", "hr-dash", null)).post("/api/reports/monthly/2025-01")
                .then().statusCode(200);
        // a bearer token is the API's, not a page's session
        noRedirects().auth().oauth2(Tokens.forTests().issue("hr", "hr-dash", null)).get("/dashboard").then()
                .statusCode(302);

        // a role with no page is told so
        given().cookies(signIn("/dashboard", "ops-dash", "operator", null).cookies()).get("/dashboard").then()
                .statusCode(403);
        // a session the service did not seal is no session: back to the identity provider
        Map<String, String> tampered = new LinkedHashMap<>(session);
        tampered.replaceAll((name, value) -> name.startsWith("q_session") ? value.substring(0, value.length() - 6)
                + "AAAAAA" : value);
        noRedirects().cookies(tampered).get("/dashboard").then().statusCode(302)
                .header("Location", startsWith(provider + "/authorize?"));
        given().get("/static/dashboard.js").then().statusCode(200).body(containsString("echarts.init"));
        given().cookies(session).get("/dashboard").then().statusCode(200)
                .body(containsString("<html lang=\"zh-CN\">"));
        given().cookies(session).header("Accept-Language", "en-US").get("/dashboard").then()
                .statusCode(200).body(containsString("<html lang=\"en\">"));
        given().cookies(session).get("/dashboard?period=garbage").then().statusCode(200);
        given().cookies(session).get("/q/health").then().statusCode(equalTo(200));

        // signing out drops the session cookie and ends the provider's session, which sends back to the signed-out page
        var signOut = noRedirects().cookies(session).get("/dashboard/sign-out");
        signOut.then().statusCode(302).header("Location", allOf(startsWith(provider + "/logout?"),
                containsString("post_logout_redirect_uri=")));
        assertTrue(signOut.headers().getValues("Set-Cookie").stream().anyMatch(cookie -> cookie.startsWith("q_session")
                && cookie.contains("Max-Age=0")), signOut.headers().getValues("Set-Cookie").toString());
        String back = given().urlEncodingEnabled(false).redirects().follow(false).get(signOut.header("Location")).then().statusCode(302)
                .extract().header("Location");
        given().get(back).then().statusCode(200).body(containsString("id=\"signed-out\""));
        noRedirects().get("/dashboard/sign-out").then().statusCode(303)
                .header("Location", containsString("/dashboard/signed-out"));
    }

    private void execute(String sql) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private DevIdentityProvider.SignedIn signIn(String page, String person, String role, String department) {
        return DevIdentityProviderResource.provider().signIn(root.resolve(page), person, role, department);
    }
}
