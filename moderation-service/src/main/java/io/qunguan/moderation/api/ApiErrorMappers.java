package io.qunguan.moderation.api;

import io.qunguan.moderation.domain.refusal.Refused;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refusal as a clear JSON error: 400, 403, 404, 409 or 422. */
public class ApiErrorMappers {

    @ServerExceptionMapper
    public Response refused(Refused refused) {
        int status = switch (refused.kind()) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNPROCESSABLE -> 422;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", refused.getMessage()))
                .build();
    }
}
