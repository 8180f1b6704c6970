package io.qunguan.reporting.api;

import io.qunguan.reporting.domain.archive.AccessLog;
import io.qunguan.reporting.domain.archive.Archive;
import io.qunguan.reporting.domain.supervision.Supervision;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * SV-5: a supervision team member ({@code supervisor}) requests a person's or a group's records for a period with a
 * reason, an auditor approves it for a limited time, and the requester reads those records while it lasts; every step
 * and read is in the archive's access log.
 */
@Path("/api/supervision/requests")
@Produces(MediaType.APPLICATION_JSON)
public class SupervisionResource {

    /** A request: whose records (PERSON with an employee id, GROUP with a group id), which period, why. */
    public record RecordsRequest(String subjectKind, String subjectId, String from, String to, String reason) {
    }

    /** An auditor's decision: approve for {@code hours}, or refuse; with a reason either way. */
    public record Decision(Boolean approve, String reason, Integer hours) {
    }

    private final Supervision supervision;
    private final JsonWebToken caller;

    public SupervisionResource(Supervision supervision, JsonWebToken caller) {
        this.supervision = supervision;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("supervisor")
    @Operation(summary = "Requests a person's or a group's records for a period (at most a year), with a reason")
    public Response request(RecordsRequest request) {
        if (request == null) {
            throw new BadRequestException("a request body is required");
        }
        return Response.status(201).entity(refusing(() -> supervision.request(request.subjectKind(),
                ArchiveResource.blankToNull(request.subjectId()),
                ResponsivenessResource.time("from", request.from(), null),
                ResponsivenessResource.time("to", request.to(), null), request.reason(), actor()))).build();
    }

    @GET
    @RolesAllowed({"supervisor", "auditor"})
    @Operation(summary = "The requests: an auditor every one, a supervisor their own; newest first")
    public List<Supervision.Request> list() {
        return supervision.list(actor());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"supervisor", "auditor"})
    @Operation(summary = "One request and its decision (an auditor any, a supervisor their own)")
    public Supervision.Request get(@PathParam("id") UUID id) {
        return supervision.get(id, actor()).orElseThrow(() -> new NotFoundException("no request " + id));
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("auditor")
    @Operation(summary = "Approves a request for some hours (at most qunguan.archive.max-grant-hours) or refuses "
            + "it, with a reason; by an auditor other than its requester, once")
    public Supervision.Request decide(@PathParam("id") UUID id, Decision decision) {
        if (decision == null || decision.approve() == null) {
            throw new BadRequestException("approve (true or false) is required");
        }
        return refusing(() -> supervision.decide(id, decision.approve(), decision.reason(),
                decision.hours() == null ? 0 : decision.hours(), actor()))
                .orElseThrow(() -> new NotFoundException("no request " + id));
    }

    @GET
    @Path("/{id}/messages")
    @RolesAllowed("supervisor")
    @Operation(summary = "While the approved request lasts, its requester searches the records it covers (its "
            + "subject and period, optionally text); newest first. Logged with the request's reason.")
    public Archive.Page records(@PathParam("id") UUID id, @QueryParam("q") String text,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        if (limit < 1 || limit > Archive.MAX_LIMIT) {
            throw new BadRequestException("limit is between 1 and " + Archive.MAX_LIMIT);
        }
        return refusing(() -> supervision.records(id, text, limit, ArchiveResource.blankToNull(cursor), actor()))
                .orElseThrow(() -> new NotFoundException("no request " + id + " of yours"));
    }

    private static <T> T refusing(Supplier<T> step) {
        try {
            return step.get();
        } catch (Supervision.Refused e) {
            throw e.forbidden() ? new ForbiddenException(e.getMessage()) : new BadRequestException(e.getMessage());
        } catch (Supervision.Conflict e) {
            throw new ClientErrorException(Response.status(409).type(MediaType.APPLICATION_JSON)
                    .entity(java.util.Map.of("error", e.getMessage())).build());
        } catch (Archive.InvalidSearch e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private AccessLog.Actor actor() {
        return new AccessLog.Actor(caller.getName(), caller.getGroups());
    }
}
