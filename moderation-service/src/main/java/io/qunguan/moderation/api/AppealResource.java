package io.qunguan.moderation.api;

import io.qunguan.moderation.domain.Appeals;
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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Appeals (SV-6): the person a violation is of files one with a reason; HR or the head of the group owner's
 * department decides with a reason, never the appellant.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class AppealResource {

    static final int MAX_LIMIT = 200;
    static final Set<String> STATUSES = Set.of("PENDING", "UPHELD", "REJECTED");

    /** Why the member disagrees. */
    public record Filing(String reason) {
    }

    /** The decision and why; {@code allowPhrase} when upheld as a false positive: the wording to allow. */
    public record Decision(Boolean uphold, String reason, String allowPhrase) {
    }

    private final Appeals appeals;
    private final JsonWebToken caller;

    public AppealResource(Appeals appeals, JsonWebToken caller) {
        this.appeals = appeals;
        this.caller = caller;
    }

    private Appeals.Caller who() {
        return new Appeals.Caller(caller.getName(), caller.getGroups(), caller.getClaim("dept"));
    }

    @POST
    @Path("/violations/{id}/appeals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr"})
    @Operation(summary = "Appeal a violation of one's own, with a reason, within the group policy's window (SV-6)")
    public Response file(@PathParam("id") UUID violationId, Filing filing) {
        Appeals.View appeal = appeals.file(violationId, filing == null ? null : filing.reason(), who(),
                OffsetDateTime.now(ZoneOffset.UTC));
        return Response.created(URI.create("/api/appeals/" + appeal.id())).entity(appeal).build();
    }

    @GET
    @Path("/appeals")
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr", "auditor"})
    @Operation(summary = "Appeals the caller may see, newest first: their own; a department head those of groups "
            + "owned in their department; HR and auditors all. status PENDING, UPHELD or REJECTED; limit ≤ 200")
    public List<Appeals.View> list(@QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Refused(Refused.Kind.INVALID, "limit must be 1 to " + MAX_LIMIT);
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new Refused(Refused.Kind.INVALID, "status is one of " + STATUSES);
        }
        return appeals.visibleTo(who(), status, limit);
    }

    @POST
    @Path("/appeals/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"dept-head", "hr"})
    @Operation(summary = "Uphold or reject an appeal with a reason: HR or the head of the group owner's department, "
            + "never the appellant; upheld reverses the violation (SV-6); upheld with an allowPhrase (a false "
            + "positive), the phrase is proposed for the lexicon's allow list (SV-7)")
    public Appeals.View decide(@PathParam("id") UUID appealId, Decision decision) {
        if (decision == null || decision.uphold() == null) {
            throw new Refused(Refused.Kind.INVALID, "uphold (true or false) is required");
        }
        return appeals.decide(appealId, decision.uphold(), decision.reason(), decision.allowPhrase(), who(),
                OffsetDateTime.now(ZoneOffset.UTC));
    }
}
