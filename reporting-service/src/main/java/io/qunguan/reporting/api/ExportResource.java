package io.qunguan.reporting.api;

import io.qunguan.reporting.domain.Responsiveness;
import io.qunguan.reporting.domain.assessment.Assessment;
import io.qunguan.reporting.domain.assessment.Periods;
import io.qunguan.reporting.domain.export.Exports;
import io.qunguan.reporting.domain.export.TableWriter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Exports of the tables HR sees (issue 18): violations, fines for payroll, the assessment, responsiveness; CSV or
 * XLSX ({@code format}), headings in Chinese or English ({@code lang}), streamed as they are written. Each answers to
 * the same roles and object-level rules as the table it exports.
 */
@Path("/api/exports")
@Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
public class ExportResource {

    private final Exports exports;
    private final Assessment assessment;
    private final Responsiveness responsiveness;
    private final JsonWebToken caller;
    private final ZoneId zone;

    public ExportResource(Exports exports, Assessment assessment, Responsiveness responsiveness, JsonWebToken caller,
            @ConfigProperty(name = "qunguan.reporting.zone", defaultValue = "Asia/Shanghai") String zone) {
        this.exports = exports;
        this.assessment = assessment;
        this.responsiveness = responsiveness;
        this.caller = caller;
        this.zone = ZoneId.of(zone);
    }

    @GET
    @Path("/violations")
    @RolesAllowed({"hr", "auditor"})
    @Operation(summary = "Violations of a period (period=2026-11 or 2026-Q4, or from and to; this month when absent), "
            + "optionally of a group, rule or employee, oldest first, with masked evidence; audited as a read of "
            + "evidence")
    public Response violations(@QueryParam("format") @DefaultValue("xlsx") String format,
            @QueryParam("lang") @DefaultValue("zh") String language, @QueryParam("period") String period,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("groupId") String groupId,
            @QueryParam("ruleId") String ruleId, @QueryParam("employeeId") String employeeId) {
        TableWriter.Format as = format(format);
        Assessment.Period of = AssessmentResource.periodOf(period, from, to, zone);
        Exports.ViolationFilter filter = new Exports.ViolationFilter(of.from(), of.to(),
                ArchiveResource.blankToNull(groupId), ArchiveResource.blankToNull(ruleId),
                ArchiveResource.blankToNull(employeeId));
        Exports.Body body = exports.violations(filter, caller.getName(), caller.getGroups(), "export violations "
                + of.from() + ".." + of.to() + (filter.groupId() == null ? "" : " group=" + filter.groupId())
                + (filter.ruleId() == null ? "" : " rule=" + filter.ruleId())
                + (filter.employeeId() == null ? "" : " employee=" + filter.employeeId()) + " as " + as);
        return file("violations-" + Periods.label(period, of, zone), as, language, body);
    }

    @GET
    @Path("/fines")
    @RolesAllowed("hr")
    @Operation(summary = "The standing fines and penalty red packets of a period, each and totalled per person, for "
            + "payroll")
    public Response fines(@QueryParam("format") @DefaultValue("xlsx") String format,
            @QueryParam("lang") @DefaultValue("zh") String language, @QueryParam("period") String period,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Assessment.Period of = AssessmentResource.periodOf(period, from, to, zone);
        return file("fines-" + Periods.label(period, of, zone), format(format), language,
                exports.fines(of.from(), of.to()));
    }

    @GET
    @Path("/assessment")
    @RolesAllowed({"employee", "dept-head", "hr", "auditor"})
    @Operation(summary = "The assessment (GET /api/assessment) as a file: a sheet of people, one of departments")
    public Response assessment(@QueryParam("format") @DefaultValue("xlsx") String format,
            @QueryParam("lang") @DefaultValue("zh") String language, @QueryParam("period") String period,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("departmentId") String departmentId, @QueryParam("employeeId") String employeeId) {
        TableWriter.Format as = format(format);
        Assessment.Period of = AssessmentResource.periodOf(period, from, to, zone);
        try {
            Assessment.Report report = assessment.assess(of, ArchiveResource.blankToNull(departmentId),
                    ArchiveResource.blankToNull(employeeId), new Assessment.Caller(caller.getName(),
                            caller.getGroups(), caller.getClaim("dept")), zone);
            return file("assessment-" + Periods.label(period, of, zone), as, language, exports.assessment(report));
        } catch (Assessment.NotVisible e) {
            throw new ForbiddenException(e.getMessage());
        }
    }

    @GET
    @Path("/responsiveness")
    @RolesAllowed({"employee", "dept-head", "hr", "auditor"})
    @Operation(summary = "Responsiveness (GET /api/responsiveness) per person as a file")
    public Response responsiveness(@QueryParam("format") @DefaultValue("xlsx") String format,
            @QueryParam("lang") @DefaultValue("zh") String language, @QueryParam("period") String period,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("kind") String kind,
            @QueryParam("employeeId") String employeeId, @QueryParam("departmentId") String departmentId) {
        TableWriter.Format as = format(format);
        Assessment.Period of = AssessmentResource.periodOf(period, from, to, zone);
        if (kind != null && !ResponsivenessResource.KINDS.contains(kind)) {
            throw new BadRequestException("kind is one of " + ResponsivenessResource.KINDS);
        }
        try {
            Responsiveness.Assessment figures = responsiveness.assess(new Responsiveness.Query(of.from(), of.to(),
                    kind, ArchiveResource.blankToNull(employeeId), ArchiveResource.blankToNull(departmentId)),
                    new Responsiveness.Caller(caller.getName(), caller.getGroups(), caller.getClaim("dept")));
            return file("responsiveness-" + Periods.label(period, of, zone), as, language,
                    exports.responsiveness(figures));
        } catch (Responsiveness.NotVisible e) {
            throw new ForbiddenException(e.getMessage());
        }
    }

    private Response file(String name, TableWriter.Format format, String language, Exports.Body body) {
        String filename = name + "." + format.extension();
        StreamingOutput output = out -> exports.write(format, language, out, body);
        return Response.ok(output, format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]",
                        "_") + "\"; filename*=UTF-8''" + URLEncoder.encode(filename, StandardCharsets.UTF_8))
                .build();
    }

    private static TableWriter.Format format(String format) {
        try {
            return TableWriter.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("format is csv or xlsx");
        }
    }
}
