package io.qunguan.moderation.api;

import io.qunguan.moderation.domain.marketing.MarketingCatalogue;
import io.qunguan.moderation.domain.marketing.MarketingContent;
import io.qunguan.moderation.domain.refusal.Refused;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Marketing content for customer groups (MK-1): the marketing department proposes it, a second person of the
 * department approves or rejects it; HR and auditors read the catalogue.
 */
@Path("/api/marketing-content")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MarketingContentResource {

    /** A proposal: a text, or the SHA-256 of an image or file. */
    public record Proposal(String title, String text, String contentHash) {
    }

    public record Decision(Boolean approve, String reason) {
    }

    public record ContentView(UUID id, String title, String text, String fingerprint, String contentHash,
            MarketingContent.Status status, String proposedBy, OffsetDateTime proposedAt, String decidedBy,
            OffsetDateTime decidedAt, String reason) {

        static ContentView of(MarketingContent content) {
            return new ContentView(content.id, content.title, content.text, content.fingerprint, content.contentHash,
                    content.status, content.proposedBy, content.proposedAt, content.decidedBy, content.decidedAt,
                    content.reason);
        }
    }

    private final MarketingCatalogue catalogue;
    private final JsonWebToken caller;

    public MarketingContentResource(MarketingCatalogue catalogue, JsonWebToken caller) {
        this.catalogue = catalogue;
        this.caller = caller;
    }

    @POST
    @RolesAllowed("marketing")
    @Operation(summary = "Propose marketing content for customer groups: a text, or an image's or file's SHA-256")
    public Response propose(Proposal proposal) {
        if (proposal == null) {
            throw new Refused(Refused.Kind.INVALID, "a JSON body with title and text or contentHash is required");
        }
        MarketingContent content = catalogue.propose(proposal.title(), proposal.text(), proposal.contentHash(),
                caller.getName());
        return Response.status(Response.Status.CREATED).entity(ContentView.of(content)).build();
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed("marketing")
    @Operation(summary = "Approve or reject a proposal; never the proposer's own")
    public ContentView decide(@PathParam("id") UUID id, Decision decision) {
        if (decision == null || decision.approve() == null) {
            throw new Refused(Refused.Kind.INVALID, "approve (true or false) is required");
        }
        return ContentView.of(catalogue.decide(id, decision.approve(), decision.reason(), caller.getName()));
    }

    @GET
    @RolesAllowed({"marketing", "hr", "auditor"})
    @Operation(summary = "The marketing content catalogue, newest first; status PROPOSED, APPROVED or REJECTED")
    public List<ContentView> list(@QueryParam("status") String status) {
        MarketingContent.Status wanted;
        try {
            wanted = status == null ? null : MarketingContent.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.INVALID, "status must be PROPOSED, APPROVED, REJECTED or WITHDRAWN");
        }
        return catalogue.list(wanted).stream().map(ContentView::of).toList();
    }
}
