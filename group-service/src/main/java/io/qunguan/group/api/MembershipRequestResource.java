package io.qunguan.group.api;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.groups.MembershipRequests;
import io.qunguan.group.domain.groups.MembershipRequests.Filing;
import io.qunguan.group.domain.groups.MembershipRequests.RequestView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Membership changes requested in Qunguan and reviewed before they are made on the platform (MB-2). */
@Path("/api/groups/{id}/membership-requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
public class MembershipRequestResource {

    /** A decision on a request. */
    public record Decision(Boolean approve, String reason) {
    }

    private final MembershipRequests requests;
    private final Callers callers;

    public MembershipRequestResource(MembershipRequests requests, Callers callers) {
        this.requests = requests;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Ask to add a person to the group or take them out, with a reason (MB-2)")
    public Response file(@PathParam("id") String groupId, Filing filing) {
        RequestView request = requests.file(groupId, filing, callers.current()).orElseThrow(NotFoundException::new);
        return Response.created(URI.create("/api/groups/" + groupId + "/membership-requests/" + request.id()))
                .entity(request).build();
    }

    @GET
    @Operation(summary = "The group's membership requests, newest first; a requester sees their own")
    public List<RequestView> list(@PathParam("id") String groupId) {
        return requests.list(groupId, callers.current()).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("/{request}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Approve or reject a request, with a reason; not by who filed it (MB-2)")
    public RequestView decide(@PathParam("id") String groupId, @PathParam("request") long requestId,
            Decision decision) {
        if (decision == null || decision.approve() == null) {
            throw new BadRequestException("a body {approve: true|false, reason} is required");
        }
        return requests.decide(groupId, requestId, decision.approve(), decision.reason(), callers.current())
                .orElseThrow(NotFoundException::new);
    }
}
