package io.qunguan.eventing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * The operators' view of this service's dead-letter topics: list what lies there (masked), replay a record to its
 * consumer, or discard it with a reason. Every replay and discard is recorded with its operator.
 */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class DeadLetterResource {

    /** Why a record is discarded. */
    public record Discard(String reason) {
    }

    static final int MAX_LIMIT = 500;

    private final DeadLetters deadLetters;

    public DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    public List<DeadLetters.DeadLetter> list(@QueryParam("resolved") @DefaultValue("false") boolean resolved,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be 1 to " + MAX_LIMIT);
        }
        return deadLetters.list(resolved, limit);
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/replay")
    public Response replay(@PathParam("topic") String topic, @PathParam("partition") int partition,
            @PathParam("offset") long offset, @Context SecurityContext caller) {
        try {
            deadLetters.replay(topic, partition, offset, caller.getUserPrincipal().getName());
        } catch (DeadLetters.NotFoundException e) {
            throw new NotFoundException(e.getMessage());
        } catch (DeadLetters.AlreadyResolvedException e) {
            throw conflict(e.getMessage());
        } catch (RuntimeException e) {
            // the consumer refused it again: the operator is told why, and the record stays
            return Response.status(422).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "the consumer failed again: " + e.getMessage())).build();
        }
        return Response.ok(Map.of("replayed", topic + "/" + partition + "/" + offset)).build();
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response discard(@PathParam("topic") String topic, @PathParam("partition") int partition,
            @PathParam("offset") long offset, Discard discard, @Context SecurityContext caller) {
        if (discard == null || discard.reason() == null || discard.reason().isBlank()) {
            throw new BadRequestException("a reason is required");
        }
        try {
            deadLetters.discard(topic, partition, offset, caller.getUserPrincipal().getName(),
                    discard.reason().strip());
        } catch (DeadLetters.NotFoundException e) {
            throw new NotFoundException(e.getMessage());
        } catch (DeadLetters.AlreadyResolvedException e) {
            throw conflict(e.getMessage());
        }
        return Response.ok(Map.of("discarded", topic + "/" + partition + "/" + offset)).build();
    }

    private static ClientErrorException conflict(String message) {
        return new ClientErrorException(Response.status(409).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message)).build());
    }
}
