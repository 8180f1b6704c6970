package io.qunguan.group.api;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.groups.GroupAdministration;
import io.qunguan.group.domain.groups.GroupAdministration.AnnouncementText;
import io.qunguan.group.domain.groups.GroupAdministration.AnnouncementView;
import io.qunguan.group.domain.groups.GroupAdministration.ChatRef;
import io.qunguan.group.domain.groups.GroupAdministration.Pin;
import io.qunguan.group.domain.groups.GroupAdministration.PolicyView;
import io.qunguan.group.domain.groups.GroupAdministration.Stewards;
import io.qunguan.group.domain.groups.GroupLifecycle;
import io.qunguan.group.domain.groups.GroupLifecycle.GroupRequest;
import io.qunguan.group.domain.groups.GroupReviews;
import io.qunguan.group.domain.groups.GroupRoster;
import io.qunguan.group.domain.groups.GroupTasks;
import io.qunguan.group.domain.groups.GroupView;
import io.qunguan.group.domain.groups.WorkGroup;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Work groups: requests (GL-1), their approval chain (GL-2), resubmission; activation on platform chats, owner and
 * admins (GL-5), announcement (GL-6), pinned notices (GL-10), members, tasks and dissolution (GL-8). A group the
 * caller may not see answers 404 exactly like one that does not exist; one they see but do not manage, 403.
 */
@Path("/api/groups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
public class GroupResource {

    /** A group's overrides of its type's policy, part name to the part's value, and why (GL-7). */
    public record PolicyOverrides(Map<String, Object> overrides, String reason) {
    }

    /** A decision on the pending approval step. */
    public record Decision(Boolean approve, String reason) {
    }

    /** Why a group is dissolved, or reviewed. */
    public record Reason(String reason) {
    }

    /** A notice to pin. */
    public record NoticeText(String text) {
    }

    private final GroupLifecycle lifecycle;
    private final GroupAdministration administration;
    private final GroupReviews reviews;
    private final Callers callers;

    public GroupResource(GroupLifecycle lifecycle, GroupAdministration administration, GroupReviews reviews,
            Callers callers) {
        this.lifecycle = lifecycle;
        this.administration = administration;
        this.reviews = reviews;
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

    @POST
    @Path("/{id}/chats")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Bind a platform chat to an approved or active group; the first binding activates it (GL-1)")
    public GroupView bindChat(@PathParam("id") String id, ChatRef chat) {
        return administration.bindChat(id, chat, callers.current()).orElseThrow(NotFoundException::new);
    }

    @GET
    @Path("/{id}/members")
    @Operation(summary = "Who is in the group's chats, resolved against the directory, with owner and admins")
    public List<GroupRoster.Entry> members(@PathParam("id") String id) {
        return administration.members(id, callers.current()).orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("/{id}/stewards")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Hand over the ownership, set the admins or the successor (GL-5), with a reason")
    public GroupView stewards(@PathParam("id") String id, Stewards stewards) {
        return administration.changeStewards(id, stewards, callers.current()).orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("/{id}/announcement")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Publish the announcement: purpose, functions, member composition, rules, owner contact (GL-6)")
    public AnnouncementView announce(@PathParam("id") String id, AnnouncementText text) {
        return administration.announce(id, text, callers.current()).orElseThrow(NotFoundException::new);
    }

    @GET
    @Path("/{id}/announcement")
    @Operation(summary = "The group's announcement; 404 when none is published")
    public AnnouncementView announcement(@PathParam("id") String id) {
        return administration.announcement(id, callers.current()).orElseThrow(NotFoundException::new)
                .orElseThrow(() -> new NotFoundException("group " + id + " has no announcement"));
    }

    @PUT
    @Path("/{id}/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Override the parts of the type's policy the type lets a group override (GL-7), with a "
            + "reason; by the head of the group's department or HR")
    public PolicyView overridePolicy(@PathParam("id") String id, PolicyOverrides body) {
        return administration.overridePolicy(id, body == null ? null : body.overrides(),
                body == null ? null : body.reason(), callers.current()).orElseThrow(NotFoundException::new);
    }

    @GET
    @Path("/{id}/policy")
    @Operation(summary = "The policy the group lives by: its type's with the group's overrides (GL-7)")
    public PolicyView policy(@PathParam("id") String id) {
        return administration.policy(id, callers.current()).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("/{id}/pins")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Pin an important notice so it reaches everyone (GL-10)")
    public Response pin(@PathParam("id") String id, NoticeText notice) {
        Pin pin = administration.pin(id, notice == null ? null : notice.text(), callers.current())
                .orElseThrow(NotFoundException::new);
        return Response.created(URI.create("/api/groups/" + id + "/pins/" + pin.id())).entity(pin).build();
    }

    @GET
    @Path("/{id}/pins")
    @Operation(summary = "The notices pinned in the group, newest first")
    public List<Pin> pins(@PathParam("id") String id) {
        return administration.pins(id, callers.current()).orElseThrow(NotFoundException::new);
    }

    @DELETE
    @Path("/{id}/pins/{pin}")
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Unpin a notice")
    public Response unpin(@PathParam("id") String id, @PathParam("pin") long pin) {
        if (!administration.unpin(id, pin, callers.current())) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/tasks")
    @Operation(summary = "Every task of the group (GL-6, GL-9, MB-*), open ones first")
    public List<GroupTasks.TaskView> tasks(@PathParam("id") String id) {
        return administration.tasksOf(id, callers.current()).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Open a review of the group now (GL-9), by HR or the head of its department, with a reason")
    public Response review(@PathParam("id") String id, Reason request) {
        GroupTasks.TaskView task = reviews.reviewNow(id, request == null ? null : request.reason(), callers.current())
                .orElseThrow(NotFoundException::new);
        return Response.status(Response.Status.CREATED).entity(task).build();
    }

    @POST
    @Path("/{id}/dissolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Dissolve the group with a reason (GL-8); members are told through GroupDissolved")
    public GroupView dissolve(@PathParam("id") String id, Reason dissolution) {
        return administration.dissolve(id, dissolution == null ? null : dissolution.reason(), callers.current())
                .orElseThrow(NotFoundException::new);
    }
}
