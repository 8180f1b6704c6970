package io.qunguan.group.api;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.groups.GroupLifecycle;
import io.qunguan.group.domain.groups.GroupLifecycle.GroupRequest;
import io.qunguan.group.domain.groups.GroupView;
import io.qunguan.group.domain.groups.WorkGroup;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Work groups: requests (GL-1), their approval chain (GL-2), resubmission. A group the caller may not see answers
 * 404 exactly like one that does not exist.
 */
@Path("/api/groups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
public class GroupResource {

    /** A decision on the pending approval step. */
    public record Decision(Boolean approve, String reason) {
    }

    private final GroupLifecycle lifecycle;
    private final Callers callers;

    public GroupResource(GroupLifecycle lifecycle, Callers callers) {
        this.lifecycle = lifecycle;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Request a work group (GL-1); the name is checked (GL-4), resemblances flagged (GL-3)")
    public Response request(GroupRequest request) {
        GroupView group = lifecycle.request(request, callers.current());
        return Response.created(URI.create("/api/groups/" + group.id())).entity(group).build();
    }

    @GET
    @Operation(summary = "The groups the caller may see (HR and auditors all, department heads their department's, "
            + "others those they requested or own), newest first")
    public List<GroupView> list(@QueryParam("status") String status) {
        WorkGroup.Status wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = WorkGroup.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("status must be one of " + List.of(WorkGroup.Status.values()));
            }
        }
        return lifecycle.list(callers.current(), wanted);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One group with its approval chain")
    public GroupView group(@PathParam("id") String id) {
        return lifecycle.find(id, callers.current()).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Approve or reject the pending step of the approval chain (GL-2), with a reason")
    public GroupView decide(@PathParam("id") String id, Decision decision) {
        if (decision == null || decision.approve() == null) {
            throw new BadRequestException("a body {approve: true|false, reason} is required");
        }
        return lifecycle.decide(id, decision.approve(), decision.reason(), callers.current())
                .orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("/{id}/request")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Resubmit a rejected request, changed; a new round of approval starts")
    public GroupView resubmit(@PathParam("id") String id, GroupRequest request) {
        return lifecycle.resubmit(id, request, callers.current()).orElseThrow(NotFoundException::new);
    }
}
