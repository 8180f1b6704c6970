package io.qunguan.group.api;

import io.qunguan.group.config.PlatformApps;
import io.qunguan.group.platform.WebhookIngress;
import io.qunguan.platforms.wecom.WeComCallback;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * WeCom (企业微信) callback URL: {@code /webhooks/wecom} for the default app, {@code /webhooks/wecom/{app}} for
 * a named one. Authenticated by the callback signature; answered only after Kafka took the events.
 */
@Path("/webhooks/wecom")
@PermitAll
@Blocking
public class WeComWebhookResource {

    private final WeComCallback callback;
    private final WebhookIngress ingress;

    public WeComWebhookResource(WeComCallback callback, WebhookIngress ingress) {
        this.callback = callback;
        this.ingress = ingress;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "WeCom URL check: answers the decrypted echostr")
    public String verifyDefault(@QueryParam("msg_signature") String signature, @QueryParam("timestamp") String timestamp,
            @QueryParam("nonce") String nonce, @QueryParam("echostr") String echostr) {
        return verify(PlatformApps.DEFAULT, signature, timestamp, nonce, echostr);
    }

    @GET
    @Path("/{app}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "WeCom URL check of a named app")
    public String verify(@PathParam("app") String app, @QueryParam("msg_signature") String signature,
            @QueryParam("timestamp") String timestamp, @QueryParam("nonce") String nonce,
            @QueryParam("echostr") String echostr) {
        return callback.verifyUrl(app, signature, timestamp, nonce, echostr);
    }

    @POST
    @Consumes({MediaType.TEXT_XML, MediaType.APPLICATION_XML})
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "WeCom encrypted callback (XML); answered with an empty body once published")
    public String receiveDefault(@QueryParam("msg_signature") String signature, @QueryParam("timestamp") String timestamp,
            @QueryParam("nonce") String nonce, byte[] body) {
        return receive(PlatformApps.DEFAULT, signature, timestamp, nonce, body);
    }

    @POST
    @Path("/{app}")
    @Consumes({MediaType.TEXT_XML, MediaType.APPLICATION_XML})
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "WeCom encrypted callback of a named app")
    public String receive(@PathParam("app") String app, @QueryParam("msg_signature") String signature,
            @QueryParam("timestamp") String timestamp, @QueryParam("nonce") String nonce, byte[] body) {
        ingress.accept(callback.receive(app, signature, timestamp, nonce, body));
        // WeCom takes an empty body as "received, no passive reply"
        return "";
    }
}
