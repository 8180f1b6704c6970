package io.qunguan.reporting.api;

import io.qunguan.reporting.domain.assessment.Assessment;
import io.qunguan.reporting.domain.assessment.Periods;
import io.qunguan.reporting.domain.assessment.Weights;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The performance assessment (SV-3) per person and department, and HR's weights for its score. */
@Path("/api/assessment")
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentResource {

    /** New weights: the terms, the first day they apply, why. */
    public record WeightsRequest(Weights.Terms weights, String effectiveFrom, String reason) {
    }

    private final Assessment assessment;
    private final Weights weights;
    private final JsonWebToken caller;
    private final ZoneId zone;

    public AssessmentResource(Assessment assessment, Weights weights, JsonWebToken caller,
            @ConfigProperty(name = "qunguan.reporting.zone", defaultValue = "Asia/Shanghai") String zone) {
        this.assessment = assessment;
        this.weights = weights;
        this.caller = caller;
        this.zone = ZoneId.of(zone);
    }

    @GET
    @RolesAllowed({"employee", "dept-head", "hr", "auditor"})
    @Operation(summary = "The assessment of a period — period=2026-11 (a month), 2026-Q4 (a quarter) in the company's "
            + "zone, or from and to (ISO-8601); this month when absent — per person (standing violations by severity "
            + "and rule, fines, appeals upheld, deadlines met and missed, median response, score, previous period's "
            + "score, change; lowest score first) and per department (its subtree rolled up); of the company or "
            + "departmentId's subtree or one employeeId. HR and auditors anyone, a department head their subtree, an "
            + "employee themselves")
    public Assessment.Report assess(@QueryParam("period") String period, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("departmentId") String departmentId,
            @QueryParam("employeeId") String employeeId) {
        try {
            return assessment.assess(periodOf(period, from, to, zone), ArchiveResource.blankToNull(departmentId),
                    ArchiveResource.blankToNull(employeeId), new Assessment.Caller(caller.getName(),
                            caller.getGroups(), caller.getClaim("dept")), zone);
        } catch (Assessment.NotVisible e) {
            throw new ForbiddenException(e.getMessage());
        }
    }

    @GET
    @Path("/weights")
    @RolesAllowed({"hr", "auditor"})
    @Operation(summary = "Every version of the assessment's weights, newest first")
    public List<Weights.Version> weights() {
        return weights.versions();
    }

    @POST
    @Path("/weights")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("hr")
    @Operation(summary = "New weights as the next version, effective from a date (periods starting that day or later "
            + "are scored by them): {weights: {severity: {LOW, MEDIUM, HIGH, CRITICAL}, missedDeadline, "
            + "perHundredYuan}, effectiveFrom: 2027-01-01, reason}")
    public Response propose(WeightsRequest request) {
        if (request == null) {
            throw new BadRequestException("a request body is required");
        }
        LocalDate effective;
        try {
            effective = request.effectiveFrom() == null ? null : LocalDate.parse(request.effectiveFrom());
        } catch (DateTimeParseException e) {
            throw new BadRequestException("effectiveFrom is a date, e.g. 2027-01-01");
        }
        try {
            return Response.status(201).entity(weights.propose(request.weights(), effective, request.reason(),
                    caller.getName())).build();
        } catch (Weights.Invalid e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", e.getMessage(), "problems", e.problems())).build();
        }
    }

    /** The period of query parameters; 400 when they cannot be read. */
    static Assessment.Period periodOf(String period, String from, String to, ZoneId zone) {
        try {
            return Periods.of(period, from, to, zone);
        } catch (Periods.Invalid e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
