package io.qunguan.notification.api;

import io.qunguan.notification.domain.notices.Channel;
import io.qunguan.notification.domain.notices.NoticeKind;
import io.qunguan.notification.domain.notices.Preferences;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A person's channels per kind of notice, chosen among those the company allows: by the person, or HR. */
@Path("/api/people/{personId}/preferences")
@Produces(MediaType.APPLICATION_JSON)
public class PreferenceResource {

    /** The channels to use, in order. */
    public record ChannelChoice(List<Channel> channels) {
    }

    private final Preferences preferences;
    private final JsonWebToken caller;

    public PreferenceResource(Preferences preferences, JsonWebToken caller) {
        this.preferences = preferences;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr"})
    @Operation(summary = "The channels each kind of notice reaches the person by, and those the company allows")
    public Map<NoticeKind, Preferences.Choice> list(@PathParam("personId") String personId) {
        requireSelfOrHr(personId);
        return preferences.of(personId);
    }

    @PUT
    @Path("/{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr"})
    @Operation(summary = "Choose the channels of one kind of notice, in order, among the allowed ones")
    public Preferences.Choice choose(@PathParam("personId") String personId, @PathParam("kind") String kind,
            ChannelChoice choice) {
        requireSelfOrHr(personId);
        NoticeKind noticeKind;
        try {
            noticeKind = NoticeKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("kind is one of " + List.of(NoticeKind.values()));
        }
        if (choice == null || choice.channels() == null) {
            throw new BadRequestException("channels are required");
        }
        try {
            return preferences.choose(personId, noticeKind, choice.channels());
        } catch (Preferences.NotAllowedException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private void requireSelfOrHr(String personId) {
        if (!caller.getGroups().contains("hr") && !personId.equals(caller.getName())) {
            throw new ForbiddenException();
        }
    }
}
