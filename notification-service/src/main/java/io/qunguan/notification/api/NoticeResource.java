package io.qunguan.notification.api;

import io.qunguan.notification.domain.directory.DirectoryReplica;
import io.qunguan.notification.domain.notices.NoticeViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A person's notices: their own, a department head's people's, anyone's for HR and auditors. A read of someone
 * else's is audited: a violation's notice quotes its evidence.
 */
@Path("/api/people/{personId}/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {

    private final NoticeViews notices;
    private final DirectoryReplica directory;
    private final JsonWebToken caller;

    public NoticeResource(NoticeViews notices, DirectoryReplica directory, JsonWebToken caller) {
        this.notices = notices;
        this.directory = directory;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr", "auditor"})
    @Operation(summary = "The notices a person is owed or was sent, in their language, with each delivery")
    public List<NoticeViews.NoticeView> list(@PathParam("personId") String personId) {
        boolean allowed = caller.getGroups().contains("hr") || caller.getGroups().contains("auditor")
                || personId.equals(caller.getName())
                || caller.getGroups().contains("dept-head") && directory.heads(caller.getName(), personId);
        if (!allowed) {
            throw new ForbiddenException();
        }
        return notices.readBy(personId, caller.getName(), caller.getGroups());
    }
}
