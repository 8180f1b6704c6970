package io.qunguan.group.api;

import io.qunguan.eventing.EventPublisher;
import io.qunguan.group.platform.WebhookRejectedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** JSON error bodies for webhook refusals; the broker being down is a 503 the platform retries on. */
public class WebhookErrorMappers {

    private static final Logger LOG = Logger.getLogger(WebhookErrorMappers.class);

    @ServerExceptionMapper
    public Response rejected(WebhookRejectedException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response brokerUnavailable(EventPublisher.PublishFailedException e) {
        LOG.warnf("webhook not acknowledged, Kafka unavailable: %s", e.getMessage());
        return Response.status(503).type(MediaType.APPLICATION_JSON).header("Retry-After", "5")
                .entity(Map.of("error", "temporarily unavailable, retry later")).build();
    }
}
