package io.qunguan.group.api;

import io.qunguan.platforms.WebhookRejectedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** JSON error bodies for webhook refusals; a 503 tells the platform when to retry. */
public class WebhookErrorMappers {

    @ServerExceptionMapper
    public Response rejected(WebhookRejectedException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage()));
        if (e.status() == 503) {
            response.header("Retry-After", "5");
        }
        return response.build();
    }
}
