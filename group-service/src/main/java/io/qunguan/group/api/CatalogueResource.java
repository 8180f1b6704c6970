package io.qunguan.group.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.catalogue.Catalogue;
import io.qunguan.group.domain.catalogue.Catalogue.EffectivePolicy;
import io.qunguan.group.domain.catalogue.Catalogue.VersionView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The catalogue of group types (GL-7) and its policy versions (SV-9). Anyone may read the effective policies
 * (a requester must know the rules of the group they ask for); HR proposes changes, and a second HR person
 * approves or rejects them.
 */
@Path("/api/group-types")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueResource {

    /** A proposed version: the type's name (required for a new type), description, the policy and why. */
    public record Proposal(String name, String description, JsonNode policy, String reason) {
    }

    /** A decision on a proposal, with its reason. */
    public record Decision(String reason) {
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Catalogue catalogue;
    private final Callers callers;

    public CatalogueResource(Catalogue catalogue, Callers callers) {
        this.catalogue = catalogue;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE, Actor.OPERATOR})
    @Operation(summary = "Every group type with its effective policy")
    public List<EffectivePolicy> types() {
        return catalogue.types();
    }

    @GET
    @Path("/{typeId}")
    @RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE, Actor.OPERATOR})
    @Operation(summary = "One group type with its effective policy")
    public EffectivePolicy type(@PathParam("typeId") String typeId) {
        return catalogue.type(typeId).orElseThrow(() -> new NotFoundException("no group type " + typeId));
    }

    @GET
    @Path("/{typeId}/versions")
    @RolesAllowed({Actor.HR, Actor.AUDITOR})
    @Operation(summary = "Every version of a type's policy: proposed, approved and rejected, with who and why")
    public List<VersionView> versions(@PathParam("typeId") String typeId) {
        List<VersionView> versions = catalogue.versions(typeId);
        if (versions.isEmpty()) {
            throw new NotFoundException("no group type " + typeId);
        }
        return versions;
    }

    @POST
    @Path("/{typeId}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Actor.HR)
    @Operation(summary = "Propose a policy version (a new type, or a change); it takes effect once a second "
            + "person approves it")
    public Response propose(@PathParam("typeId") String typeId, Proposal proposal) {
        if (proposal == null) {
            throw new BadRequestException("a body {name, description, policy, reason} is required");
        }
        VersionView version = catalogue.propose(typeId, proposal.name(), proposal.description(), proposal.policy(),
                proposal.reason(), callers.current());
        return Response.created(URI.create("/api/group-types/" + typeId + "/versions/" + version.version()))
                .entity(version).build();
    }

    @POST
    @Path("/{typeId}/versions")
    @Consumes({"application/yaml", "text/yaml"})
    @RolesAllowed(Actor.HR)
    @Operation(summary = "The same proposal written in YAML")
    public Response proposeYaml(@PathParam("typeId") String typeId, String body) {
        Proposal proposal;
        try {
            proposal = YAML.readValue(body == null ? "" : body, Proposal.class);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("not YAML: " + e.getOriginalMessage());
        }
        return propose(typeId, proposal);
    }

    @POST
    @Path("/{typeId}/versions/{version}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Actor.HR)
    @Operation(summary = "Approve a proposed version (not its proposer); it takes effect at once")
    public VersionView approve(@PathParam("typeId") String typeId, @PathParam("version") int version,
            Decision decision) {
        return catalogue.approve(typeId, version, decision == null ? null : decision.reason(), callers.current())
                .orElseThrow(() -> new NotFoundException("no version " + version + " of " + typeId));
    }

    @POST
    @Path("/{typeId}/versions/{version}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Actor.HR)
    @Operation(summary = "Reject a proposed version; the effective policy stays")
    public VersionView reject(@PathParam("typeId") String typeId, @PathParam("version") int version,
            Decision decision) {
        return catalogue.reject(typeId, version, decision == null ? null : decision.reason(), callers.current())
                .orElseThrow(() -> new NotFoundException("no version " + version + " of " + typeId));
    }
}
