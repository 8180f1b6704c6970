package io.qunguan.group.api;

import io.qunguan.group.config.PlatformApps;
import io.qunguan.group.platform.WebhookIngress;
import io.qunguan.platforms.onebot.OneBotEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * OneBot v11 / v12 event reports: {@code /webhooks/onebot} for the default bridge, {@code /webhooks/onebot/{bridge}}
 * for a named one. Answered 204 (no quick operation) once Kafka took the events.
 */
@Path("/webhooks/onebot")
@PermitAll
@Blocking
public class OneBotWebhookResource {

    private static final String BEARER = "Bearer ";

    private final OneBotEvents events;
    private final WebhookIngress ingress;

    public OneBotWebhookResource(OneBotEvents events, WebhookIngress ingress) {
        this.events = events;
        this.ingress = ingress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "OneBot event report (v11 X-Signature or v12 bearer token)")
    public void receiveDefault(@HeaderParam("X-Signature") String signature,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        receive(PlatformApps.DEFAULT, signature, authorization, body);
    }

    @POST
    @Path("/{bridge}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "OneBot event report of a named bridge")
    public void receive(@PathParam("bridge") String bridge, @HeaderParam("X-Signature") String signature,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        // the v12 token only in the header (finding 8): a token in the URL ends up in proxies' and servers' logs
        String bearer = authorization != null && authorization.startsWith(BEARER)
                ? authorization.substring(BEARER.length()) : null;
        events.receive(bridge, signature, bearer, body).ifPresent(ingress::accept);
    }
}
