package io.qunguan.group.api;

import io.qunguan.group.domain.Refusal;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** JSON error bodies that say what was wrong with a request, instead of a bare status. */
public class ApiErrorMappers {

    @ServerExceptionMapper
    public Response refused(Refusal refusal) {
        int status = switch (refusal.kind()) {
            case INVALID -> 422;
            case CONFLICT -> 409;
            case FORBIDDEN -> 403;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", refusal.getMessage(), "problems", refusal.problems())).build();
    }

    @ServerExceptionMapper
    public Response clientError(ClientErrorException e) {
        return Response.status(e.getResponse().getStatus()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage())).build();
    }
}
