package io.qunguan.moderation.api;

import io.qunguan.moderation.domain.lexicon.LexiconVersions;
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
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The lexicon as managed policy: versions, proposals, dry runs on a sample, approval by a second person of HR (CT-*,
 * SV-9). HR changes it; auditors read it.
 */
@Path("/api/lexicon")
@Produces(MediaType.APPLICATION_JSON)
public class LexiconResource {

    static final int MAX_LIMIT = 200;

    /** Why, and what changes. */
    public record Proposal(String reason, List<LexiconVersions.Change> changes) {
    }

    /** The sample the company supplies: one message per entry. */
    public record Sample(List<String> messages) {
    }

    /** The decision and why. */
    public record Decision(Boolean approve, String reason) {
    }

    private final LexiconVersions versions;
    private final JsonWebToken caller;

    public LexiconResource(LexiconVersions versions, JsonWebToken caller) {
        this.versions = versions;
        this.caller = caller;
    }

    private LexiconVersions.Caller who() {
        return new LexiconVersions.Caller(caller.getName(), caller.getGroups());
    }

    @GET
    @Path("/versions")
    @RolesAllowed({"hr", "auditor"})
    @Operation(summary = "Lexicon versions, newest first: status, who proposed and decided, the dry run, each file's "
            + "line count; limit ≤ 200")
    public List<LexiconVersions.View> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Refused(Refused.Kind.INVALID, "limit must be 1 to " + MAX_LIMIT);
        }
        return versions.list(limit);
    }

    @GET
    @Path("/versions/{version}/files")
    @RolesAllowed({"hr", "auditor"})
    @Operation(summary = "One version's files, name → content")
    public Map<String, String> files(@PathParam("version") int version) {
        return versions.filesOf(version);
    }

    @POST
    @Path("/proposals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("hr")
    @Operation(summary = "Propose a change to the version in use, with a reason: terms added to or taken from a file "
            + "({file, add, remove}) or a whole file ({file, content}); refused when it would not build")
    public Response propose(Proposal proposal) {
        LexiconVersions.View proposed = versions.propose(proposal == null ? null : proposal.reason(),
                proposal == null ? null : proposal.changes(), who(), OffsetDateTime.now(ZoneOffset.UTC));
        return Response.created(URI.create("/api/lexicon/versions/" + proposed.version() + "/files"))
                .entity(proposed).build();
    }

    @POST
    @Path("/proposals/{version}/dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("hr")
    @Operation(summary = "Scan a sample of messages (≤ 10,000) with the version in use and with the proposal: the "
            + "messages flagged differently, by position; kept with the proposal for whoever decides it")
    public LexiconVersions.DryRun dryRun(@PathParam("version") int version, Sample sample) {
        return versions.dryRun(version, sample == null ? null : sample.messages(), who(),
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    @POST
    @Path("/proposals/{version}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("hr")
    @Operation(summary = "Approve or reject a proposal with a reason: HR, never its proposer; approval needs a dry run "
            + "and takes effect on every instance within seconds")
    public LexiconVersions.View decide(@PathParam("version") int version, Decision decision) {
        if (decision == null || decision.approve() == null) {
            throw new Refused(Refused.Kind.INVALID, "approve (true or false) is required");
        }
        return versions.decide(version, decision.approve(), decision.reason(), who(),
                OffsetDateTime.now(ZoneOffset.UTC));
    }
}
