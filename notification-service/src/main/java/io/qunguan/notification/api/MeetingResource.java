package io.qunguan.notification.api;

import io.qunguan.notification.domain.groups.GroupReplica;
import io.qunguan.notification.domain.meetings.Meeting;
import io.qunguan.notification.domain.meetings.Meetings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A group's meetings (MT-1, MT-2): noticed over REST by a member, the group's managers or HR, read by them, and their
 * minutes submitted by the organiser or a manager. Views carry what the notice stated, not the minutes' text.
 */
@Path("/api/groups/{groupId}/meetings")
@Produces(MediaType.APPLICATION_JSON)
public class MeetingResource {

    /** The minutes of a meeting. */
    public record Minutes(String text) {
    }

    /** A meeting as its notice stated it, what was wrong with it, and whether minutes came. */
    public record MeetingView(UUID id, String groupId, Meeting.Source source, String organiser, String topic,
            OffsetDateTime startsAt, OffsetDateTime endsAt, String place, String agenda, OffsetDateTime noticedAt,
            List<String> problems, OffsetDateTime minutesDueAt, OffsetDateTime minutesAt, List<String> participants) {
    }

    static final int MAX_MINUTES = 20_000;

    private final Meetings meetings;
    private final GroupReplica groups;
    private final JsonWebToken caller;

    public MeetingResource(Meetings meetings, GroupReplica groups, JsonWebToken caller) {
        this.meetings = meetings;
        this.groups = groups;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "group-owner", "dept-head", "hr"})
    @Operation(summary = "Notice a meeting: checked against the group's policy (MT-1), sent to the participants")
    public Response create(@PathParam("groupId") String groupId, Meetings.Request request) {
        if (request == null || request.topic() == null || request.topic().isBlank() || request.startsAt() == null) {
            throw new BadRequestException("topic and startsAt are required");
        }
        if (request.endsAt() != null && !request.endsAt().isAfter(request.startsAt())) {
            throw new BadRequestException("endsAt must be after startsAt");
        }
        GroupReplica.Group group = readable(groupId);
        try {
            return Response.status(Response.Status.CREATED)
                    .entity(view(meetings.create(group.groupId(), caller.getName(), request))).build();
        } catch (Meetings.NoMeetingsException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @GET
    @RolesAllowed({"employee", "group-owner", "dept-head", "hr", "auditor"})
    @Operation(summary = "The group's meetings, latest noticed first (members, managers, HR, auditors)")
    public List<MeetingView> list(@PathParam("groupId") String groupId) {
        return meetings.ofGroup(readable(groupId).groupId(), 100).stream().map(MeetingResource::view).toList();
    }

    @POST
    @Path("/{meetingId}/minutes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "group-owner", "dept-head", "hr"})
    @Operation(summary = "Submit a meeting's minutes (its organiser, the group's managers, HR); sent to every "
            + "participant (MT-2)")
    public Response minutes(@PathParam("groupId") String groupId, @PathParam("meetingId") UUID meetingId,
            Minutes minutes) {
        if (minutes == null || minutes.text() == null || minutes.text().isBlank()
                || minutes.text().length() > MAX_MINUTES) {
            throw new BadRequestException("text is required, at most " + MAX_MINUTES + " characters");
        }
        GroupReplica.Group group = groups.byId(groupId).orElseThrow(NotFoundException::new);
        Meetings.Held held = meetings.held(meetingId).filter(found -> found.meeting().groupId.equals(groupId))
                .orElseThrow(NotFoundException::new);
        if (!caller.getGroups().contains("hr") && !group.managedBy(caller.getName())
                && !caller.getName().equals(held.meeting().organiserEmployee)) {
            throw new ForbiddenException();
        }
        if (!meetings.submitMinutes(meetingId, minutes.text())) {
            return Response.status(Response.Status.CONFLICT).entity("{\"error\":\"the meeting has minutes already\"}")
                    .type(MediaType.APPLICATION_JSON).build();
        }
        return Response.noContent().build();
    }

    /** The group, when the caller is HR, an auditor, one of its managers or one of its members. */
    private GroupReplica.Group readable(String groupId) {
        GroupReplica.Group group = groups.byId(groupId).orElseThrow(NotFoundException::new);
        boolean allowed = caller.getGroups().contains("hr") || caller.getGroups().contains("auditor")
                || group.managedBy(caller.getName()) || groups.members(group.groupId()).stream()
                        .anyMatch(member -> caller.getName().equals(member.employeeId()));
        if (!allowed) {
            throw new ForbiddenException();
        }
        return group;
    }

    static MeetingView view(Meetings.Held held) {
        Meeting meeting = held.meeting();
        return new MeetingView(meeting.id, meeting.groupId, meeting.source,
                meeting.organiserEmployee != null ? meeting.organiserEmployee : meeting.organiserMember,
                meeting.topic, meeting.startsAt, meeting.endsAt, meeting.place, meeting.agenda, meeting.noticedAt,
                meeting.problems, meeting.minutesDueAt, meeting.minutesAt,
                held.participants().stream().map(participant -> participant.key.member()).toList());
    }
}
