package io.qunguan.group.api;

import io.qunguan.group.config.PlatformApps;
import io.qunguan.group.platform.WebhookIngress;
import io.qunguan.platforms.feishu.FeishuEvents;
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
 * Feishu / Lark event request URL: {@code /webhooks/feishu} for the default app, {@code /webhooks/feishu/{app}}
 * for a named one. Authenticated by the signature (with an Encrypt Key) and the Verification Token.
 */
@Path("/webhooks/feishu")
@PermitAll
@Blocking
public class FeishuWebhookResource {

    private final FeishuEvents events;
    private final WebhookIngress ingress;

    public FeishuWebhookResource(FeishuEvents events, WebhookIngress ingress) {
        this.events = events;
        this.ingress = ingress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Feishu event subscription v2 (challenge and events, optionally encrypted)")
    public Map<String, Object> receiveDefault(@HeaderParam("X-Lark-Request-Timestamp") String timestamp,
            @HeaderParam("X-Lark-Request-Nonce") String nonce, @HeaderParam("X-Lark-Signature") String signature,
            byte[] body) {
        return receive(PlatformApps.DEFAULT, timestamp, nonce, signature, body);
    }

    @POST
    @Path("/{app}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Feishu event subscription of a named app")
    public Map<String, Object> receive(@PathParam("app") String app,
            @HeaderParam("X-Lark-Request-Timestamp") String timestamp, @HeaderParam("X-Lark-Request-Nonce") String nonce,
            @HeaderParam("X-Lark-Signature") String signature, byte[] body) {
        FeishuEvents.Received received = events.receive(app, timestamp, nonce, signature, body);
        if (received.challenge() != null) {
            return Map.of("challenge", received.challenge());
        }
        ingress.accept(received.delivery());
        return Map.of("ok", true);
    }
}
