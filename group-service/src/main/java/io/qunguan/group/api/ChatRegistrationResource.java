package io.qunguan.group.api;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.groups.GroupAdministration;
import io.qunguan.group.domain.groups.GroupAdministration.UnregisteredChat;
import io.qunguan.group.domain.groups.GroupLifecycle.GroupRequest;
import io.qunguan.group.domain.groups.GroupView;
import jakarta.annotation.security.RolesAllowed;
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

/**
 * Chats seen on a platform that no work group holds (GL-1): created there without a request, they wait for their
 * creator (or HR) to register them as a group request.
 */
@Path("/api/chats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
public class ChatRegistrationResource {

    private final GroupAdministration administration;
    private final Callers callers;

    public ChatRegistrationResource(GroupAdministration administration, Callers callers) {
        this.administration = administration;
        this.callers = callers;
    }

    @GET
    @Path("/unregistered")
    @Operation(summary = "Chats no group holds: HR and auditors all, others those they are to register")
    public List<UnregisteredChat> unregistered() {
        return administration.unregistered(callers.current());
    }

    @POST
    @Path("/{chat}/registration")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Register a chat as a group request (GL-1..4); active once its approval chain completes")
    public Response register(@PathParam("chat") String chat, GroupRequest request) {
        GroupView group = administration.register(chat, request, callers.current()).orElseThrow(NotFoundException::new);
        return Response.created(URI.create("/api/groups/" + group.id())).entity(group).build();
    }
}
