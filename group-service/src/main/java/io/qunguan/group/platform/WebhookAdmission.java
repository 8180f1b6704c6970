package io.qunguan.group.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.qunguan.events.Platform;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admission control for the platform webhooks: at most {@code qunguan.webhooks.max-in-flight} of them are in flight on
 * this instance, from their headers to the end of their response. One more is answered 503 with {@code Retry-After: 1}
 * at once, on the event loop, before its body is read, so the platform retries within its deadline instead of
 * waiting past it (DingTalk 1.5 s, Slack 3 s, WeCom 5 s) and then retrying on top of the queue.
 */
@ApplicationScoped
public class WebhookAdmission {

    private static final String PATHS = "/webhooks/*";
    private static final String PREFIX = "/webhooks/";
    private static final String OVERLOADED = "{\"error\":\"overloaded: retry later\"}";

    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Platform, Counter> overloaded = new EnumMap<>(Platform.class);
    private final Counter overloadedElsewhere;

    public WebhookAdmission(@ConfigProperty(name = "qunguan.webhooks.max-in-flight", defaultValue = "64") int maxInFlight,
            MeterRegistry registry) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("qunguan.webhooks.max-in-flight must be at least 1, not " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        Gauge.builder("qunguan.webhooks.in.flight", inFlight, AtomicInteger::get)
                .description("webhook requests admitted and not yet answered on this instance").register(registry);
        for (Platform platform : Platform.values()) {
            overloaded.put(platform, overloadedCounter(registry, platform.id()));
        }
        // a path naming no platform is answered 404 when admitted; refused, it is counted apart
        overloadedElsewhere = overloadedCounter(registry, "none");
    }

    private static Counter overloadedCounter(MeterRegistry registry, String platform) {
        return Counter.builder("qunguan.webhooks.overloaded").tag("platform", platform)
                .description("webhook requests answered 503 because the instance had max-in-flight of them")
                .register(registry);
    }

    // before every application route, so the REST layer (order 20500) never sees a refused request
    void route(@Observes Router router) {
        router.route(PATHS).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::admit);
    }

    void admit(RoutingContext context) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            platformOf(context.normalizedPath()).map(overloaded::get).orElse(overloadedElsewhere).increment();
            refuse(context);
            return;
        }
        // the routing context calls its end handlers once, on the response's end or its connection's close; the
        // response's own endHandler is not ours to set (Quarkus replaces it, and the slot would leak)
        context.addEndHandler(ended -> inFlight.decrementAndGet());
        context.next();
    }

    private static void refuse(RoutingContext context) {
        HttpServerResponse response = context.response().setStatusCode(503)
                .putHeader(HttpHeaders.RETRY_AFTER, "1")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (context.request().version() == HttpVersion.HTTP_2) {
            response.end(OVERLOADED);
            return;
        }
        // the body is never read: like Quarkus's own 413 before the body, close the connection rather than leave
        // the unread rest of it in front of the next request
        response.putHeader(HttpHeaders.CONNECTION, "close");
        response.end(OVERLOADED).onComplete(written -> context.request().connection().close());
    }

    private static Optional<Platform> platformOf(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', PREFIX.length());
        return Platform.find(path.substring(PREFIX.length(), end < 0 ? path.length() : end));
    }
}
