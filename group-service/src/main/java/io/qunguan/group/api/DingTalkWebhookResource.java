package io.qunguan.group.api;

import io.qunguan.group.config.PlatformApps;
import io.qunguan.group.platform.RobotSignatureLedger;
import io.qunguan.group.platform.WebhookIngress;
import io.qunguan.platforms.Delivery;
import io.qunguan.platforms.dingtalk.DingTalkEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * DingTalk (钉钉): the event subscription at {@code /webhooks/dingtalk[/{app}]} and the internal robot's message
 * callback at {@code /webhooks/dingtalk[/{app}]/robot}. Authenticated by their signatures; answered only after
 * Kafka took the events. An app cannot be named {@code robot}.
 */
@Path("/webhooks/dingtalk")
@PermitAll
@Blocking
public class DingTalkWebhookResource {

    private final DingTalkEvents events;
    private final WebhookIngress ingress;
    private final RobotSignatureLedger signatures;

    public DingTalkWebhookResource(DingTalkEvents events, WebhookIngress ingress, RobotSignatureLedger signatures) {
        this.events = events;
        this.ingress = ingress;
        this.signatures = signatures;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "DingTalk event subscription (encrypted); answered with the encrypted \"success\"")
    public Map<String, String> receiveDefault(@QueryParam("msg_signature") String msgSignature,
            @QueryParam("signature") String signature, @QueryParam("timeStamp") String timeStamp,
            @QueryParam("timestamp") String timestamp, @QueryParam("nonce") String nonce, byte[] body) {
        return receive(PlatformApps.DEFAULT, msgSignature, signature, timeStamp, timestamp, nonce, body);
    }

    @POST
    @Path("/{app}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "DingTalk event subscription of a named app")
    public Map<String, String> receive(@PathParam("app") String app, @QueryParam("msg_signature") String msgSignature,
            @QueryParam("signature") String signature, @QueryParam("timeStamp") String timeStamp,
            @QueryParam("timestamp") String timestamp, @QueryParam("nonce") String nonce, byte[] body) {
        // DingTalk has used both spellings of these two parameters
        DingTalkEvents.Received received = events.receiveEvent(app, msgSignature != null ? msgSignature : signature,
                timeStamp != null ? timeStamp : timestamp, nonce, body);
        if (received.delivery() != null) {
            ingress.accept(received.delivery());
        }
        return received.answer();
    }

    @POST
    @Path("/robot")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "DingTalk internal robot message callback (headers timestamp and sign)")
    public String robotDefault(@HeaderParam("timestamp") String timestamp, @HeaderParam("sign") String sign,
            byte[] body) {
        return robot(PlatformApps.DEFAULT, timestamp, sign, body);
    }

    @POST
    @Path("/{app}/robot")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "DingTalk internal robot message callback of a named app")
    public String robot(@PathParam("app") String app, @HeaderParam("timestamp") String timestamp,
            @HeaderParam("sign") String sign, byte[] body) {
        Delivery delivery = events.receiveRobot(app, timestamp, sign, body);
        signatures.requireFirstUseOrSameBody("dingtalk:" + app, timestamp, sign, body);
        ingress.accept(delivery);
        // an empty answer: the robot does not reply in the chat
        return "";
    }
}
