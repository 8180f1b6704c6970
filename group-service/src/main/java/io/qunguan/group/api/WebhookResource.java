package io.qunguan.group.api;

import io.qunguan.group.platform.WebhookIngress;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Platform webhooks. Authenticated by each platform's signature, not by a bearer token. A request is
 * answered 200 only after Kafka acknowledged the normalised event; otherwise 503 so the platform retries.
 */
@Path("/webhooks")
@PermitAll
@Blocking
public class WebhookResource {

    private final WebhookIngress ingress;

    public WebhookResource(WebhookIngress ingress) {
        this.ingress = ingress;
    }

    @POST
    @Path("/generic")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Qunguan's signed format for bridges (X-Qunguan-Timestamp, X-Qunguan-Signature: v1=...)")
    public Map<String, Object> generic(@HeaderParam("X-Qunguan-Timestamp") String timestamp,
            @HeaderParam("X-Qunguan-Signature") String signature, byte[] body) {
        return Map.of("accepted", true, "eventId", ingress.acceptGeneric(timestamp, signature, body).toString());
    }
}
