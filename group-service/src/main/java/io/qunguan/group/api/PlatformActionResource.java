package io.qunguan.group.api;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.groups.PlatformAction;
import io.qunguan.group.domain.groups.PlatformActions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What Qunguan did, or asked a person to do, on the platforms: for operators watching the platform APIs, HR and
 * auditors checking sanctions were carried out (SV-2, SV-5).
 */
@Path("/api/platform-actions")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformActionResource {

    static final int MAX_LIMIT = 200;

    /** One action; the member and message are the platform's ids, the post text Qunguan's own template. */
    public record ActionView(long id, String kind, String platform, String chatId, String userId, String messageId,
            String ruleId, String reason, String requestedBy, String status, int attempts, String detail, Long taskId,
            OffsetDateTime createdAt, OffsetDateTime dueAt, OffsetDateTime finishedAt) {
    }

    /** Whether an uncertain action happened on the platform, and how the person knows. */
    public record Confirmation(Boolean happened, String reason) {
    }

    private final PlatformActions actions;
    private final Callers callers;

    public PlatformActionResource(PlatformActions actions, Callers callers) {
        this.actions = actions;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({Actor.OPERATOR, Actor.HR, Actor.AUDITOR})
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Platform actions, newest first; status PENDING, DONE, HANDED_OVER, FAILED or UNCERTAIN; "
            + "limit ≤ 200")
    public List<ActionView> list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("1 ≤ limit ≤ " + MAX_LIMIT);
        }
        PlatformAction.Status wanted;
        try {
            wanted = status == null || status.isBlank() ? null : PlatformAction.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status is one of PENDING, DONE, HANDED_OVER, FAILED, UNCERTAIN");
        }
        return actions.latest(wanted, limit).stream().map(PlatformActionResource::view).toList();
    }

    @POST
    @Path("/{id}/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.OPERATOR, Actor.HR})
    @Operation(summary = "Say whether an UNCERTAIN action happened on the platform, with a reason: done, or made "
            + "again (SV-2)")
    public ActionView confirm(@PathParam("id") long id, Confirmation confirmation) {
        if (confirmation == null || confirmation.happened() == null) {
            throw new BadRequestException("happened (true or false) is required");
        }
        return actions.confirm(id, confirmation.happened(), confirmation.reason(), callers.current())
                .map(PlatformActionResource::view).orElseThrow(NotFoundException::new);
    }

    private static ActionView view(PlatformAction action) {
        return new ActionView(action.id, action.kind.name(), action.platform.id(), action.chatId, action.userId,
                action.messageId, action.ruleId, action.reason, action.requestedBy, action.status.name(),
                action.attempts, action.detail, action.taskId, action.createdAt,
                action.status == PlatformAction.Status.PENDING ? action.dueAt : null, action.finishedAt);
    }
}
