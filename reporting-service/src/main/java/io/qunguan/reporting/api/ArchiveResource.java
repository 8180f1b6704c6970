package io.qunguan.reporting.api;

import io.qunguan.reporting.domain.archive.AccessLog;
import io.qunguan.reporting.domain.archive.Archive;
import io.qunguan.reporting.domain.archive.Retention;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The message archive for auditors (IS-1, IS-2): full text, searched by group, person, period and text; legal holds;
 * the access log every search and read is written to. Nobody else reads message text here (a supervision team member
 * only through an approved request, SV-5).
 */
@Path("/api/archive")
@Produces(MediaType.APPLICATION_JSON)
public class ArchiveResource {

    /** A legal hold to place. */
    public record HoldRequest(String subjectKind, String subjectId, String reason) {
    }

    /** Why a hold is released. */
    public record ReleaseRequest(String reason) {
    }

    private final Archive archive;
    private final Retention retention;
    private final AccessLog log;
    private final JsonWebToken caller;

    public ArchiveResource(Archive archive, Retention retention, AccessLog log, JsonWebToken caller) {
        this.archive = archive;
        this.retention = retention;
        this.log = log;
        this.caller = caller;
    }

    @GET
    @Path("/messages")
    @RolesAllowed("auditor")
    @Operation(summary = "Archived messages with full text, newest first, of a group (its chats), a person (their "
            + "accounts), a period (from inclusive, to exclusive, ISO-8601; the last 365 days when absent) and text "
            + "(each space-separated term a phrase, all required); page on with the answer's next cursor. Logged.")
    public Archive.Page search(@QueryParam("groupId") String groupId, @QueryParam("employeeId") String employeeId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("q") String text,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        OffsetDateTime until = ResponsivenessResource.time("to", to, OffsetDateTime.now(ZoneOffset.UTC));
        OffsetDateTime since = ResponsivenessResource.time("from", from, until.minusDays(365));
        if (!since.isBefore(until)) {
            throw new BadRequestException("from must be before to");
        }
        if (limit < 1 || limit > Archive.MAX_LIMIT) {
            throw new BadRequestException("limit is between 1 and " + Archive.MAX_LIMIT);
        }
        try {
            return archive.search(new Archive.Search(blankToNull(groupId), blankToNull(employeeId), since, until,
                    text, limit, blankToNull(cursor)), actor());
        } catch (Archive.InvalidSearch e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @GET
    @Path("/messages/{eventId}")
    @RolesAllowed("auditor")
    @Operation(summary = "One archived message with its full text. Logged.")
    public Archive.Message read(@PathParam("eventId") UUID eventId) {
        return archive.read(eventId, actor()).orElseThrow(() -> new NotFoundException("no archived message "
                + eventId));
    }

    @GET
    @Path("/holds")
    @RolesAllowed("auditor")
    @Operation(summary = "Legal holds, standing ones first")
    public List<Retention.Hold> holds() {
        return retention.holds();
    }

    @POST
    @Path("/holds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("auditor")
    @Operation(summary = "Places a legal hold on a PERSON (employee id) or a GROUP: none of their messages is purged "
            + "until it is released. Logged.")
    public Response place(HoldRequest request) {
        if (request == null || !List.of("PERSON", "GROUP").contains(request.subjectKind())) {
            throw new BadRequestException("subjectKind is PERSON or GROUP");
        }
        if (request.subjectId() == null || request.subjectId().isBlank()) {
            throw new BadRequestException("subjectId is required");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new BadRequestException("a reason is required");
        }
        return Response.status(201).entity(retention.place(request.subjectKind(), request.subjectId().strip(),
                request.reason().strip(), actor())).build();
    }

    @POST
    @Path("/holds/{id}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("auditor")
    @Operation(summary = "Releases a legal hold, with a reason; the purge then applies again. Logged.")
    public Retention.Hold release(@PathParam("id") UUID id, ReleaseRequest request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw new BadRequestException("a reason is required");
        }
        return retention.release(id, request.reason().strip(), actor())
                .orElseThrow(() -> new NotFoundException("no legal hold " + id));
    }

    @GET
    @Path("/access-log")
    @RolesAllowed("auditor")
    @Operation(summary = "The archive's access log, newest first: every search, read, hold, supervision request, "
            + "decision and purge, of a period (the last 30 days when absent) and optionally one actor")
    public List<AccessLog.Entry> accessLog(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("actor") String actor, @QueryParam("limit") @DefaultValue("200") int limit) {
        OffsetDateTime until = ResponsivenessResource.time("to", to, OffsetDateTime.now(ZoneOffset.UTC)
                .plusMinutes(1));
        OffsetDateTime since = ResponsivenessResource.time("from", from, until.minusDays(30));
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit is between 1 and 1000");
        }
        return log.list(since, until, blankToNull(actor), limit);
    }

    @POST
    @Path("/purge")
    @RolesAllowed("operator")
    @Operation(summary = "Runs the retention purge now (it also runs on its own every qunguan.archive.purge-every)")
    public Retention.Purged purge() {
        return retention.purge(OffsetDateTime.now(ZoneOffset.UTC));
    }

    private AccessLog.Actor actor() {
        return new AccessLog.Actor(caller.getName(), caller.getGroups());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
