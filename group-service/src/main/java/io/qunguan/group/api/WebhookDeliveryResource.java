package io.qunguan.group.api;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.AuditEntry;
import io.qunguan.group.domain.WebhookDelivery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Which platform event types arrive that Qunguan stores raw instead of mapping: counts for operators; the bodies,
 * which may carry personal data, only for auditors (IS-2), one type at a time, every read in the audit log.
 */
@Path("/api/webhook-deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookDeliveryResource {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
    static final int MAX_BODIES = 50;

    private final Callers callers;

    public WebhookDeliveryResource(Callers callers) {
        this.callers = callers;
    }

    @GET
    @Path("/unrecognised")
    @RolesAllowed("operator")
    @Operation(summary = "Unrecognised webhook event types by platform since a time (default: the last 7 days)")
    public List<WebhookDelivery.UnrecognisedType> unrecognised(@QueryParam("since") String since,
            @QueryParam("platform") String platform) {
        return WebhookDelivery.unrecognisedSince(since(since), platform == null || platform.isBlank() ? null : platform);
    }

    @GET
    @Path("/unrecognised/bodies")
    @RolesAllowed(Actor.AUDITOR)
    @Transactional
    @Operation(summary = "The latest unrecognised bodies of one platform and type (at most 50), for auditors; audited")
    public List<WebhookDelivery.UnrecognisedBody> unrecognisedBodies(@QueryParam("platform") String platform,
            @QueryParam("type") String type, @QueryParam("since") String since,
            @QueryParam("limit") @DefaultValue("10") int limit) {
        if (platform == null || platform.isBlank() || type == null || type.isBlank()) {
            throw new BadRequestException("platform and type are required: bodies are read one type at a time");
        }
        if (limit < 1 || limit > MAX_BODIES) {
            throw new BadRequestException("1 ≤ limit ≤ " + MAX_BODIES);
        }
        List<WebhookDelivery.UnrecognisedBody> bodies = WebhookDelivery.unrecognisedBodies(platform, type,
                since(since), limit);
        // the bodies may hold personal data: who read which, and how many, is kept
        AuditEntry.record(callers.current(), "webhook-delivery.read-raw", "webhook-delivery-type",
                platform + ":" + type, null, bodies.size() + " bodies: "
                        + String.join(", ", bodies.stream().map(WebhookDelivery.UnrecognisedBody::key).toList()));
        return bodies;
    }

    private static Instant since(String since) {
        if (since == null || since.isBlank()) {
            return Instant.now().minus(DEFAULT_PERIOD);
        }
        try {
            return OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException("since must be ISO-8601 with an offset");
        }
    }
}
