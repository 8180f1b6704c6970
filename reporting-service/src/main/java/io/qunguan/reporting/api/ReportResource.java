package io.qunguan.reporting.api;

import io.qunguan.reporting.domain.assessment.Assessment;
import io.qunguan.reporting.domain.reports.MonthlyReports;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The monthly reports (SV-1): those on file, and publishing an ended month's now. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final MonthlyReports reports;
    private final JsonWebToken caller;
    private final ZoneId zone;

    public ReportResource(MonthlyReports reports, JsonWebToken caller,
            @ConfigProperty(name = "qunguan.reporting.zone", defaultValue = "Asia/Shanghai") String zone) {
        this.reports = reports;
        this.caller = caller;
        this.zone = ZoneId.of(zone);
    }

    @GET
    @RolesAllowed({"hr", "auditor", "dept-head"})
    @Operation(summary = "The reports on file, of a period (2026-11) if given: HR and auditors every one, a "
            + "department head those sent to them")
    public List<MonthlyReports.Report> list(@QueryParam("period") String period) {
        return reports.list(period == null || period.isBlank() ? null : month(period).toString(),
                new Assessment.Caller(caller.getName(), caller.getGroups(), caller.getClaim("dept")));
    }

    @POST
    @Path("/monthly/{period}")
    @RolesAllowed({"hr", "operator"})
    @Operation(summary = "Publishes an ended month's reports now (the timer does on the configured day): those not on "
            + "file yet are published and returned, so a second call returns none")
    public List<MonthlyReports.Report> publish(@PathParam("period") String period) {
        YearMonth month = month(period);
        if (!month.isBefore(YearMonth.now(zone))) {
            throw new BadRequestException("only a month that has ended is reported");
        }
        return reports.publish(month);
    }

    private static YearMonth month(String period) {
        try {
            return YearMonth.parse(period.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException("period is a month, e.g. 2026-11");
        }
    }
}
