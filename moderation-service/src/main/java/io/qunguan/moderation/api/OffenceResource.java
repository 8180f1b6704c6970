package io.qunguan.moderation.api;

import io.qunguan.moderation.domain.OffenderHistory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A person's place on the sanctions ladder, fines and violations (SV-2): their own, a department head's people's
 * (the department the groups' rosters place them in), anyone's for HR and auditors. A read of someone else's
 * evidence is audited.
 */
@Path("/api/people/{employeeId}/offences")
@Produces(MediaType.APPLICATION_JSON)
public class OffenceResource {

    private final OffenderHistory history;
    private final JsonWebToken caller;

    public OffenceResource(OffenderHistory history, JsonWebToken caller) {
        this.history = history;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr", "auditor"})
    @Operation(summary = "A person's offences in the repeat window, fines and violations, newest first")
    public OffenderHistory.Summary get(@PathParam("employeeId") String employeeId) {
        boolean allowed = caller.getGroups().contains("hr") || caller.getGroups().contains("auditor")
                || employeeId.equals(caller.getName())
                || caller.getGroups().contains("dept-head") && caller.getClaim("dept") != null
                && history.departmentOf(employeeId).map(caller.<String>getClaim("dept")::equals).orElse(false);
        if (!allowed) {
            throw new ForbiddenException();
        }
        return history.readBy(employeeId, caller.getName(), caller.getGroups());
    }
}
