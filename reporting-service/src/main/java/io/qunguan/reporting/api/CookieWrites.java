package io.qunguan.reporting.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The dashboard's session cookie reads the API (its export links), never changes anything through it: a request
 * that could change state must carry its token in the Authorization header, so a page elsewhere on the company's
 * domains cannot make a signed-in browser publish reports, place holds or rebuild the read models.
 */
public class CookieWrites {

    static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter
    public Response refuseCookieWrites(ContainerRequestContext request) {
        if (READS.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")
                || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || !request.getCookies().containsKey("qunguan_session")) {
            return null;
        }
        return Response.status(403).type(MediaType.APPLICATION_JSON).entity(Map.of("error",
                "a request that changes something carries its token in the Authorization header, not a cookie"))
                .build();
    }
}
