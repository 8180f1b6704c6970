package io.qunguan.reporting.web;

import io.quarkus.oidc.TenantResolver;
import io.quarkus.oidc.runtime.OidcUtils;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which OIDC tenant authenticates a request. The pages are the {@code dashboard} tenant's (a web application: the
 * authorization-code flow and its session cookie); the API is the default tenant's (bearer tokens only). The one
 * crossing: the dashboard's export links read {@code /api/exports/*} with the session cookie, as GET without an
 * Authorization header. Nothing else takes the cookie, so no page elsewhere can make a signed-in browser change
 * anything through the API (a write needs the token in the header, which a browser never adds by itself).
 */
@ApplicationScoped
public class DashboardTenant implements TenantResolver {

    static final String TENANT = "dashboard";
    static final String SESSION_COOKIE = "q_session_" + TENANT;
    /**
     * The default tenant, named: left unresolved (null), quarkus-oidc would pick a tenant by the session cookie a
     * request carries, and so let the cookie into any API call.
     */
    static final String API = OidcUtils.DEFAULT_TENANT_ID;

    @Override
    public String resolve(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.equals("/dashboard") || path.startsWith("/dashboard/")) {
            return TENANT;
        }
        HttpMethod method = context.request().method();
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (read && path.startsWith("/api/exports/") && context.request().getHeader(HttpHeaders.AUTHORIZATION) == null
                && hasSession(context)) {
            return TENANT;
        }
        return API;
    }

    private static boolean hasSession(RoutingContext context) {
        for (Cookie cookie : context.request().cookies()) {
            if (cookie.getName().startsWith(SESSION_COOKIE)) {
                return true;
            }
        }
        return false;
    }
}
