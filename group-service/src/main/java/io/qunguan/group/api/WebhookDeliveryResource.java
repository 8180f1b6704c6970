package io.qunguan.group.api;

import io.qunguan.group.domain.WebhookDelivery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
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
 * For operators: which platform event types arrive that Qunguan stores raw instead of mapping. Counts only;
 * the bodies may carry personal data and stay in the database, outside this API.
 */
@Path("/api/webhook-deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookDeliveryResource {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

    @GET
    @Path("/unrecognised")
    @RolesAllowed("operator")
    @Operation(summary = "Unrecognised webhook event types by platform since a time (default: the last 7 days)")
    public List<WebhookDelivery.UnrecognisedType> unrecognised(@QueryParam("since") String since,
            @QueryParam("platform") String platform) {
        Instant from;
        if (since == null || since.isBlank()) {
            from = Instant.now().minus(DEFAULT_PERIOD);
        } else {
            try {
                from = OffsetDateTime.parse(since).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadRequestException("since must be ISO-8601 with an offset");
            }
        }
        return WebhookDelivery.unrecognisedSince(from, platform == null || platform.isBlank() ? null : platform);
    }
}
