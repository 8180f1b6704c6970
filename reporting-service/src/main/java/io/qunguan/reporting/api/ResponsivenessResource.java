package io.qunguan.reporting.api;

import io.qunguan.reporting.domain.Responsiveness;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Responsiveness per person (SV-3, SV-4): deadlines met and missed, response times, for a period. */
@Path("/api/responsiveness")
@Produces(MediaType.APPLICATION_JSON)
public class ResponsivenessResource {

    static final Set<String> KINDS = Set.of("RESPONSE", "FOLLOW_THROUGH", "CUSTOMER_REPLY");

    private final Responsiveness responsiveness;
    private final JsonWebToken caller;

    public ResponsivenessResource(Responsiveness responsiveness, JsonWebToken caller) {
        this.responsiveness = responsiveness;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"employee", "dept-head", "hr", "auditor"})
    @Operation(summary = "Deadlines met and missed and response times per person for a period (from inclusive, to "
            + "exclusive, ISO-8601; the last 30 days when absent), of one kind (RESPONSE, FOLLOW_THROUGH, "
            + "CUSTOMER_REPLY) or all; HR and auditors anyone, a department head their department, an employee "
            + "themselves")
    public Responsiveness.Assessment assess(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("kind") String kind, @QueryParam("employeeId") String employeeId,
            @QueryParam("departmentId") String departmentId) {
        OffsetDateTime until = time("to", to, OffsetDateTime.now(ZoneOffset.UTC));
        OffsetDateTime since = time("from", from, until.minusDays(30));
        if (!since.isBefore(until)) {
            throw new BadRequestException("from must be before to");
        }
        if (kind != null && !KINDS.contains(kind)) {
            throw new BadRequestException("kind is one of " + KINDS);
        }
        try {
            return responsiveness.assess(new Responsiveness.Query(since, until, kind, employeeId, departmentId),
                    new Responsiveness.Caller(caller.getName(), caller.getGroups(), caller.getClaim("dept")));
        } catch (Responsiveness.NotVisible e) {
            throw new ForbiddenException(e.getMessage());
        }
    }

    /** A query parameter's time, ISO-8601 with an offset; {@code fallback} when absent. */
    static OffsetDateTime time(String name, String value, OffsetDateTime fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be ISO-8601 with an offset");
        }
    }
}
