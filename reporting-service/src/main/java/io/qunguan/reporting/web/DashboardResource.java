package io.qunguan.reporting.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.qunguan.events.EventJson;
import io.qunguan.reporting.domain.assessment.Assessment;
import io.qunguan.reporting.domain.assessment.Periods;
import io.qunguan.reporting.domain.dashboard.Dashboard;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The dashboard page (issue 18), server-rendered with Qute, charts drawn by ECharts from the webjar: HR and auditors
 * see the company, a department head their department's subtree, an employee their own record, by the assessment's
 * own object-level rules. Pages are not API: a caller without a session is sent to the identity provider to sign in
 * (the OIDC authorization-code flow of the {@code dashboard} tenant, {@link DashboardTenant}), one whose role has no
 * page gets a page saying so. The session is quarkus-oidc's encrypted cookie holding the ID token, whose claims
 * (groups, dept) are the caller's roles and department as a bearer token's are for the API.
 */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    static final Set<String> OVERVIEW_ROLES = Set.of("hr", "auditor", "dept-head");

    @Location("dashboard/overview.html")
    Template overview;
    @Location("dashboard/person.html")
    Template person;
    @Location("dashboard/signed-out.html")
    Template signedOut;
    @Location("dashboard/message.html")
    Template message;

    private final Dashboard dashboard;
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final ZoneId zone;

    public DashboardResource(Dashboard dashboard, SecurityIdentity identity, JsonWebToken token,
            @ConfigProperty(name = "qunguan.reporting.zone", defaultValue = "Asia/Shanghai") String zone) {
        this.dashboard = dashboard;
        this.identity = identity;
        this.token = token;
        this.zone = ZoneId.of(zone);
    }

    @GET
    @Authenticated
    @Operation(hidden = true)
    public Response overview(@QueryParam("period") String period, @QueryParam("departmentId") String departmentId,
            @QueryParam("lang") String lang, @Context HttpHeaders headers) {
        String language = Labels.language(lang, headers.getAcceptableLanguages());
        if (identity.hasRole("employee") && OVERVIEW_ROLES.stream().noneMatch(identity::hasRole)) {
            return Response.seeOther(UriBuilder.fromPath("/dashboard/people/{id}").queryParam("lang", language)
                    .build(identity.getPrincipal().getName())).build();
        }
        if (OVERVIEW_ROLES.stream().noneMatch(identity::hasRole)) {
            return page(403, language, Labels.of(language).get("notVisible"));
        }
        Assessment.Period of = periodOf(period);
        try {
            Dashboard.Overview found = dashboard.overview(of, blankToNull(departmentId), caller(), zone);
            TemplateInstance page = common(overview.instance(), language, period)
                    .data("o", found)
                    .data("byRuleChart", json(byRuleChart(found)))
                    .data("topRulesChart", json(barChart(found.topRules())))
                    .data("responseChart", json(barChart(found.responseTimes())))
                    .data("departmentQuery", departmentId == null ? "" : "&departmentId="
                            + URLEncoder.encode(departmentId, StandardCharsets.UTF_8));
            return Response.ok(page).build();
        } catch (Assessment.NotVisible e) {
            return page(403, language, Labels.of(language).get("notVisible") + ": " + e.getMessage());
        }
    }

    @GET
    @Path("/people/{employeeId}")
    @Authenticated
    @Operation(hidden = true)
    public Response person(@PathParam("employeeId") String employeeId, @QueryParam("period") String period,
            @QueryParam("lang") String lang, @Context HttpHeaders headers) {
        String language = Labels.language(lang, headers.getAcceptableLanguages());
        if (!identity.hasRole("employee") && OVERVIEW_ROLES.stream().noneMatch(identity::hasRole)) {
            return page(403, language, Labels.of(language).get("notVisible"));
        }
        try {
            return dashboard.person(employeeId, periodOf(period), caller(), zone)
                    .map(record -> Response.ok(common(person.instance(), language, period).data("r", record)
                            .data("responseChart", json(barChart(record.responseTimes())))
                            .data("overview", OVERVIEW_ROLES.stream().anyMatch(identity::hasRole))).build())
                    .orElseGet(() -> page(404, language, Labels.of(language).get("notVisible") + ": " + employeeId));
        } catch (Assessment.NotVisible e) {
            return page(403, language, Labels.of(language).get("notVisible") + ": " + e.getMessage());
        }
    }

    /** A bookmarkable sign-in: the identity provider's sign-in if need be, then the dashboard. */
    @GET
    @Path("/sign-in")
    @Authenticated
    @Operation(hidden = true)
    public Response signIn(@QueryParam("lang") String lang) {
        return Response.seeOther(URI.create("/dashboard?lang=" + Labels.language(lang, List.of()))).build();
    }

    /**
     * Signed in, this path is the OIDC logout (quarkus.oidc.dashboard.logout.path): the session cookie is dropped and
     * the identity provider ends its session. Reached without a session, there is nothing to end.
     */
    @GET
    @Path("/sign-out")
    @PermitAll
    @Operation(hidden = true)
    public Response signOut(@QueryParam("lang") String lang) {
        return Response.seeOther(URI.create("/dashboard/signed-out?lang=" + Labels.language(lang, List.of())))
                .build();
    }

    @GET
    @Path("/signed-out")
    @PermitAll
    @Operation(hidden = true)
    public TemplateInstance signedOut(@QueryParam("lang") String lang, @Context HttpHeaders headers) {
        String language = Labels.language(lang, headers.getAcceptableLanguages());
        return signedOut.data("t", Labels.of(language)).data("lang", language);
    }

    private TemplateInstance common(TemplateInstance page, String language, String period) {
        return page.data("t", Labels.of(language)).data("lang", language)
                .data("period", period == null ? "" : period).data("me", identity.getPrincipal().getName())
                .data("roles", String.join(", ", identity.getRoles()))
                .data("periodQuery", period == null || period.isBlank() ? "" : "&period="
                        + URLEncoder.encode(period, StandardCharsets.UTF_8));
    }

    private Response page(int status, String language, String text) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(message.data("t", Labels.of(language)).data("lang", language).data("text", text)).build();
    }

    private Assessment.Caller caller() {
        return new Assessment.Caller(identity.getPrincipal().getName(), identity.getRoles(), token.getClaim("dept"));
    }

    private Assessment.Period periodOf(String period) {
        try {
            return Periods.of(period, null, null, zone);
        } catch (Periods.Invalid e) {
            return Periods.of(null, null, null, zone);
        }
    }

    /** ECharts: a stacked bar per day, a series per rule among the top ones. */
    private static Map<String, Object> byRuleChart(Dashboard.Overview found) {
        List<Map<String, Object>> series = new ArrayList<>();
        found.byRuleByDay().forEach((rule, counts) -> series.add(Map.of("name", rule, "type", "bar", "stack",
                "violations", "data", counts)));
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("top", 0));
        option.put("xAxis", Map.of("type", "category", "data", found.days().stream().map(day -> day.toString()
                .substring(5)).toList()));
        option.put("yAxis", Map.of("type", "value", "minInterval", 1));
        option.put("series", series);
        return option;
    }

    private static Map<String, Object> barChart(List<Dashboard.Count> counts) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("xAxis", Map.of("type", "category", "data", counts.stream().map(Dashboard.Count::label)
                .toList()));
        option.put("yAxis", Map.of("type", "value", "minInterval", 1));
        option.put("series", List.of(Map.of("type", "bar", "data", counts.stream().map(Dashboard.Count::count)
                .toList())));
        return option;
    }

    private static String json(Object value) {
        try {
            return EventJson.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
