package io.qunguan.group.api;

import io.qunguan.group.platform.WebhookIngress;
import io.qunguan.platforms.generic.GenericPayloadParser;
import io.qunguan.platforms.generic.GenericSignatureVerifier;
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
 * Qunguan's own signed webhook for bridges. Authenticated by its signature, not by a bearer token. A request
 * is answered 200 only after Kafka acknowledged the normalised event; otherwise 503 so the bridge retries.
 */
@Path("/webhooks/generic")
@PermitAll
@Blocking
public class GenericWebhookResource {

    private final GenericSignatureVerifier verifier;
    private final GenericPayloadParser parser;
    private final WebhookIngress ingress;

    public GenericWebhookResource(GenericSignatureVerifier verifier, GenericPayloadParser parser, WebhookIngress ingress) {
        this.verifier = verifier;
        this.parser = parser;
        this.ingress = ingress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Qunguan's signed format for bridges (X-Qunguan-Timestamp, X-Qunguan-Signature: v1=...)")
    public Map<String, Object> generic(@HeaderParam("X-Qunguan-Timestamp") String timestamp,
            @HeaderParam("X-Qunguan-Signature") String signature, byte[] body) {
        verifier.verify(timestamp, signature, body);
        WebhookIngress.Acceptance acceptance = ingress.accept(parser.parse(body));
        return Map.of("accepted", true, "eventId", acceptance.eventIds().get(0).toString());
    }
}
