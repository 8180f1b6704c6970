package io.qunguan.group.api;

import io.qunguan.group.config.PlatformApps;
import io.qunguan.group.platform.WebhookIngress;
import io.qunguan.platforms.slack.SlackEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Slack Events API Request URL: {@code /webhooks/slack} for the default app, {@code /webhooks/slack/{app}} for a
 * named one. Authenticated by the v0 signature; answered only after Kafka took the events.
 */
@Path("/webhooks/slack")
@PermitAll
@Blocking
public class SlackWebhookResource {

    private final SlackEvents events;
    private final WebhookIngress ingress;

    public SlackWebhookResource(SlackEvents events, WebhookIngress ingress) {
        this.events = events;
        this.ingress = ingress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Slack Events API (url_verification and event_callback)")
    public Map<String, Object> receiveDefault(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature, byte[] body) {
        return receive(PlatformApps.DEFAULT, timestamp, signature, body);
    }

    @POST
    @Path("/{app}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Slack Events API of a named app")
    public Map<String, Object> receive(@PathParam("app") String app,
            @HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature, byte[] body) {
        SlackEvents.Received received = events.receive(app, timestamp, signature, body);
        if (received.challenge() != null) {
            return Map.of("challenge", received.challenge());
        }
        ingress.accept(received.delivery());
        return Map.of("ok", true);
    }
}
