package io.qunguan.notification.api;

import io.qunguan.notification.domain.Notice;
import io.qunguan.notification.domain.NoticeService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Notices of a person: an employee sees their own, HR anyone's. */
@Path("/api/people/{personId}/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {

    /** A notice as the API shows it. */
    public record NoticeDto(UUID id, String groupId, String kind, String body, String status, OffsetDateTime createdAt) {

        static NoticeDto of(Notice notice) {
            return new NoticeDto(notice.id, notice.groupId, notice.kind, notice.body, notice.status, notice.createdAt);
        }
    }

    private final NoticeService notices;
    private final JsonWebToken caller;

    public NoticeResource(NoticeService notices, JsonWebToken caller) {
        this.notices = notices;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"employee", "hr"})
    @Operation(summary = "The notices a person has been sent or is owed")
    public List<NoticeDto> list(@PathParam("personId") String personId) {
        if (!caller.getGroups().contains("hr") && !personId.equals(caller.getName())) {
            throw new ForbiddenException();
        }
        return notices.noticesFor(personId).stream().map(NoticeDto::of).toList();
    }
}
