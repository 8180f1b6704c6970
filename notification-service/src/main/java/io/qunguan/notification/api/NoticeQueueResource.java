package io.qunguan.notification.api;

import io.qunguan.notification.domain.notices.Notice;
import io.qunguan.notification.domain.notices.NoticeViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Notices by state: the operators' queue (notices no channel delivered, uncertain ones, and those the directory
 * cannot place yet), and HR's queue of tasks. Operators see where and how delivery went, not the text.
 */
@Path("/api/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeQueueResource {

    static final int MAX_LIMIT = 200;
    private static final Set<Notice.Status> OPERATORS_QUEUE = EnumSet.of(Notice.Status.FAILED,
            Notice.Status.UNCERTAIN, Notice.Status.UNRESOLVED);

    private final NoticeViews notices;
    private final JsonWebToken caller;

    public NoticeQueueResource(NoticeViews notices, JsonWebToken caller) {
        this.notices = notices;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"operator", "hr"})
    @Operation(summary = "Notices in one state (FAILED, UNCERTAIN, UNRESOLVED for operators; any state, and "
            + "audience=hr for HR's queue, for HR), newest first; limit ≤ 200")
    public List<NoticeViews.NoticeView> list(@QueryParam("status") @DefaultValue("FAILED") String status,
            @QueryParam("audience") String audience, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("1 ≤ limit ≤ " + MAX_LIMIT);
        }
        Notice.Status wanted;
        try {
            wanted = Notice.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status is one of " + List.of(Notice.Status.values()));
        }
        boolean hr = caller.getGroups().contains("hr");
        if (!hr && (!OPERATORS_QUEUE.contains(wanted) || audience != null)) {
            throw new ForbiddenException();
        }
        return notices.inState(wanted, audience, limit, hr);
    }
}
