package io.qunguan.moderation.api;

import io.qunguan.moderation.domain.Feedback;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Feedback on how the rules are applied (SV-7): flags and comments by employees, read by HR per rule and term. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {

    static final int MAX_LIMIT = 200;

    /** What the employee says. */
    public record Said(String text) {
    }

    private final Feedback feedback;
    private final JsonWebToken caller;

    public FeedbackResource(Feedback feedback, JsonWebToken caller) {
        this.feedback = feedback;
        this.caller = caller;
    }

    @POST
    @Path("/violations/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr"})
    @Operation(summary = "Flag a violation one can see as a false positive, saying why (SV-7); once per person")
    public Response flag(@PathParam("id") UUID violationId, Said said) {
        return Response.status(201).entity(feedback.flag(violationId, said == null ? null : said.text(),
                caller.getName(), caller.getGroups(), caller.getClaim("dept"), now())).build();
    }

    @POST
    @Path("/rules/{ruleId}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"employee", "dept-head", "group-owner", "hr", "marketing"})
    @Operation(summary = "Comment on how a rule (CT-4, BH-5 …) is applied (SV-7)")
    public Response comment(@PathParam("ruleId") String ruleId, Said said) {
        return Response.status(201).entity(feedback.comment(ruleId, said == null ? null : said.text(),
                caller.getName(), now())).build();
    }

    @GET
    @Path("/feedback/summary")
    @RolesAllowed({"hr", "auditor"})
    @Operation(summary = "Feedback per rule and term since a moment (90 days ago when absent): false-positive flags, "
            + "comments, and the rule's violations in the same time")
    public List<Feedback.Tally> summary(@QueryParam("since") String since) {
        OffsetDateTime from;
        try {
            from = since == null ? now().minusDays(90) : OffsetDateTime.parse(since);
        } catch (DateTimeParseException e) {
            throw new Refused(Refused.Kind.INVALID, "since is an ISO-8601 time with an offset");
        }
        return feedback.tally(from);
    }

    @GET
    @Path("/rules/{ruleId}/feedback")
    @RolesAllowed({"hr", "auditor"})
    @Operation(summary = "The feedback on one rule, newest first; limit ≤ 200")
    public List<Feedback.Given> onRule(@PathParam("ruleId") String ruleId,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Refused(Refused.Kind.INVALID, "limit must be 1 to " + MAX_LIMIT);
        }
        return feedback.onRule(ruleId, limit);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
