package io.qunguan.moderation.api;

import io.qunguan.moderation.domain.DeadlineViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Response deadlines (BH-5, SV-4) as the people concerned see them: the person given the task, the leader who gave
 * it, the group's owner and admins, the head of the person's department, HR and auditors.
 */
@Path("/api/deadlines")
@Produces(MediaType.APPLICATION_JSON)
public class DeadlineResource {

    static final int MAX_LIMIT = 500;
    static final Set<String> STATUSES = Set.of("OPEN", "MET", "MISSED");

    private final DeadlineViews views;
    private final JsonWebToken caller;

    public DeadlineResource(DeadlineViews views, JsonWebToken caller) {
        this.views = views;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr", "auditor"})
    @Operation(summary = "Response deadlines the caller may see, newest first; status OPEN, MET or MISSED; "
            + "limit ≤ 500")
    public List<DeadlineViews.View> list(@QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be 1 to " + MAX_LIMIT);
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new BadRequestException("status is one of " + STATUSES);
        }
        return views.visibleTo(caller.getName(), caller.getGroups(), caller.getClaim("dept"), status, limit);
    }
}
