package io.qunguan.moderation.api;

import io.qunguan.moderation.domain.Appeals;
import io.qunguan.moderation.domain.GroupViolations;
import io.qunguan.moderation.domain.refusal.Refused;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A group's violations for those who manage it (SV-1): its owner and admins, the owner's department head, HR. */
@Path("/api/groups/{groupId}/violations")
@Produces(MediaType.APPLICATION_JSON)
public class GroupViolationResource {

    static final int MAX_LIMIT = 500;

    private final GroupViolations violations;
    private final JsonWebToken caller;

    public GroupViolationResource(GroupViolations violations, JsonWebToken caller) {
        this.violations = violations;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr", "auditor"})
    @Operation(summary = "The group's violations, newest first, masked evidence (≤ 500): for its owner and admins, "
            + "the head of the owner's department, HR and auditors; the read is audited")
    public List<GroupViolations.Entry> list(@PathParam("groupId") String groupId,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Refused(Refused.Kind.INVALID, "limit must be 1 to " + MAX_LIMIT);
        }
        return violations.readBy(groupId, new Appeals.Caller(caller.getName(), caller.getGroups(),
                caller.getClaim("dept")), limit);
    }
}
