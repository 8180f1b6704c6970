package io.qunguan.moderation.api;

import io.qunguan.events.DeadlineKind;
import io.qunguan.moderation.domain.Appeals;
import io.qunguan.moderation.domain.DeadlineViews;
import io.qunguan.moderation.domain.Deadlines;
import io.qunguan.moderation.domain.refusal.Refused;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Deadlines (BH-5, SV-4, BH-7, BH-9) as the people concerned see them: the person responsible, the leader who gave
 * the task, the group's owner and admins, the head of the person's department, HR and auditors; closed over REST by
 * those allowed.
 */
@Path("/api/deadlines")
@Produces(MediaType.APPLICATION_JSON)
public class DeadlineResource {

    static final int MAX_LIMIT = 500;
    static final Set<String> STATUSES = Set.of("OPEN", "MET", "MISSED");
    static final Set<String> KINDS = Arrays.stream(DeadlineKind.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    /** Why the deadline is closed: what was done, or how the answer came. */
    public record Closure(String note) {
    }

    private final DeadlineViews views;
    private final Deadlines deadlines;
    private final JsonWebToken caller;

    public DeadlineResource(DeadlineViews views, Deadlines deadlines, JsonWebToken caller) {
        this.views = views;
        this.deadlines = deadlines;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr", "auditor"})
    @Operation(summary = "Deadlines the caller may see, newest first; status OPEN, MET or MISSED; kind RESPONSE "
            + "(BH-5), FOLLOW_THROUGH (BH-7) or CUSTOMER_REPLY (BH-9); limit ≤ 500")
    public List<DeadlineViews.View> list(@QueryParam("status") String status, @QueryParam("kind") String kind,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Refused(Refused.Kind.INVALID, "limit must be 1 to " + MAX_LIMIT);
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new Refused(Refused.Kind.INVALID, "status is one of " + STATUSES);
        }
        if (kind != null && !KINDS.contains(kind)) {
            throw new Refused(Refused.Kind.INVALID, "kind is one of " + KINDS);
        }
        return views.visibleTo(caller.getName(), caller.getGroups(), caller.getClaim("dept"), status, kind, limit);
    }

    @POST
    @Path("/{id}/closure")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr"})
    @Operation(summary = "Close an open deadline with a note: a task done (BH-7) by its person, the leader, the "
            + "group's owner or admins, or HR; an answer or reply given elsewhere by the leader, the group's owner or "
            + "admins, or HR")
    public DeadlineViews.View close(@PathParam("id") UUID id, Closure closure) {
        deadlines.close(id, closure == null ? null : closure.note(),
                new Appeals.Caller(caller.getName(), caller.getGroups(), caller.getClaim("dept")),
                OffsetDateTime.now(ZoneOffset.UTC));
        return views.one(id);
    }
}
