package io.qunguan.notification.api;

import io.qunguan.events.PlatformKey;
import io.qunguan.notification.domain.acknowledgements.Acknowledgements;
import io.qunguan.notification.domain.acknowledgements.MemberAcknowledgement;
import io.qunguan.notification.domain.acknowledgements.TrackedNotice;
import io.qunguan.notification.domain.groups.GroupReplica;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A group's notices that must be acknowledged (BH-6): created and posted by Qunguan, and who has and has not
 * acknowledged each, for its author, the group's managers and HR. The views carry no message text: a reader sees who
 * acknowledged, not what the chat said.
 */
@Path("/api/groups/{groupId}/notices")
@Produces(MediaType.APPLICATION_JSON)
public class GroupNoticeResource {

    /** A notice to post in the group's chats (all of them unless {@code chat} names one). */
    public record NewNotice(String text, String chat) {
    }

    /** One member's acknowledgement. */
    public record MemberView(String member, String employeeId, OffsetDateTime acknowledgedAt, String how,
            int reminders, boolean overdue) {
    }

    /** A tracked notice, without its text. */
    public record NoticeView(UUID id, String groupId, String chat, TrackedNotice.Source source, String authorId,
            OffsetDateTime postedAt, OffsetDateTime dueAt, OffsetDateTime closedAt, int acknowledged, int waiting,
            List<MemberView> members) {
    }

    static final int MAX_TEXT = 2000;

    private final Acknowledgements acknowledgements;
    private final GroupReplica groups;
    private final JsonWebToken caller;

    public GroupNoticeResource(Acknowledgements acknowledgements, GroupReplica groups, JsonWebToken caller) {
        this.acknowledgements = acknowledgements;
        this.groups = groups;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "group-owner", "dept-head", "hr"})
    @Operation(summary = "Post a notice in the group's chats and track its acknowledgements (the group's managers, HR)")
    public Response create(@PathParam("groupId") String groupId, NewNotice notice) {
        if (notice == null || notice.text() == null || notice.text().isBlank() || notice.text().length() > MAX_TEXT) {
            throw new BadRequestException("text is required, at most " + MAX_TEXT + " characters");
        }
        GroupReplica.Group group = group(groupId);
        if (!hr() && !group.managedBy(caller.getName())) {
            throw new ForbiddenException();
        }
        try {
            Acknowledgements.Tracked created = acknowledgements.create(groupId, caller.getName(), notice.text(),
                    Optional.ofNullable(notice.chat()));
            return Response.status(Response.Status.CREATED).entity(view(created)).build();
        } catch (Acknowledgements.NotTrackedException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @GET
    @RolesAllowed({"employee", "group-owner", "dept-head", "hr", "auditor"})
    @Operation(summary = "The group's tracked notices, newest first (the group's managers, HR, auditors)")
    public List<NoticeView> list(@PathParam("groupId") String groupId,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 200) {
            throw new BadRequestException("1 ≤ limit ≤ 200");
        }
        GroupReplica.Group group = group(groupId);
        if (!hr() && !caller.getGroups().contains("auditor") && !group.managedBy(caller.getName())) {
            throw new ForbiddenException();
        }
        return acknowledgements.ofGroup(group.groupId(), limit).stream().map(GroupNoticeResource::view).toList();
    }

    @GET
    @Path("/{noticeId}")
    @RolesAllowed({"employee", "group-owner", "dept-head", "hr", "auditor"})
    @Operation(summary = "Who has and has not acknowledged a notice (its author, the group's managers, HR, auditors)")
    public NoticeView get(@PathParam("groupId") String groupId, @PathParam("noticeId") UUID noticeId) {
        GroupReplica.Group group = group(groupId);
        Acknowledgements.Tracked tracked = acknowledgements.tracked(noticeId)
                .filter(found -> found.notice().groupId.equals(group.groupId()))
                .orElseThrow(NotFoundException::new);
        if (!hr() && !caller.getGroups().contains("auditor") && !group.managedBy(caller.getName())
                && !authoredByCaller(group, tracked.notice())) {
            throw new ForbiddenException();
        }
        return view(tracked);
    }

    @POST
    @Path("/{noticeId}/acknowledgement")
    @RolesAllowed({"employee", "group-owner", "dept-head", "hr"})
    @Operation(summary = "Acknowledge a notice one was sent (a pinned notice read outside the chat)")
    public Response acknowledge(@PathParam("groupId") String groupId, @PathParam("noticeId") UUID noticeId) {
        GroupReplica.Group group = group(groupId);
        acknowledgements.tracked(noticeId).filter(found -> found.notice().groupId.equals(group.groupId()))
                .orElseThrow(NotFoundException::new);
        if (!acknowledgements.acknowledgeOverRest(noticeId, caller.getName())) {
            throw new ForbiddenException("not asked to acknowledge this notice, or its deadline has passed");
        }
        return Response.noContent().build();
    }

    private GroupReplica.Group group(String groupId) {
        return groups.byId(groupId).orElseThrow(NotFoundException::new);
    }

    private boolean hr() {
        return caller.getGroups().contains("hr");
    }

    private boolean authoredByCaller(GroupReplica.Group group, TrackedNotice notice) {
        if (notice.authorId == null) {
            return false;
        }
        return notice.authorId.equals(caller.getName()) || PlatformKey.parse(notice.authorId)
                .map(author -> caller.getName().equals(groups.employeeOf(group.groupId(), author))).orElse(false);
    }

    static NoticeView view(Acknowledgements.Tracked tracked) {
        TrackedNotice notice = tracked.notice();
        List<MemberView> members = tracked.members().stream().map(GroupNoticeResource::member).toList();
        int acknowledged = (int) members.stream().filter(member -> member.acknowledgedAt() != null).count();
        return new NoticeView(notice.id, notice.groupId, notice.chatKey, notice.source, notice.authorId,
                notice.postedAt, notice.dueAt, notice.closedAt, acknowledged, members.size() - acknowledged, members);
    }

    private static MemberView member(MemberAcknowledgement row) {
        return new MemberView(row.key.member(), row.employeeId, row.acknowledgedAt, row.how, row.reminders,
                row.overdue);
    }
}
