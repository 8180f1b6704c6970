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
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admission control for the platform webhooks: at most {@code qunguan.webhooks.max-in-flight} of them are in flight on
 * this instance, from their headers to the end of their response. One more is answered 503 with {@code Retry-After: 1}
 * at once, on the event loop, before its body is read, so the platform retries within its deadline instead of
 * waiting past it (DingTalk 1.5 s, Slack 3 s, WeCom 5 s) and then retrying on top of the queue. A webhook whose body
 * has not arrived {@code qunguan.webhooks.body-deadline} after its headers is answered 408 and its connection closed,
 * so that slow clients cannot hold the slots.
 */
@ApplicationScoped
public class WebhookAdmission {

    private static final String PATHS = "/webhooks/*";
    private static final String PREFIX = "/webhooks/";
    private static final String OVERLOADED = "{\"error\":\"overloaded: retry later\"}";
    private static final String BODY_TOO_SLOW = "{\"error\":\"the body did not arrive in time\"}";

    private final int maxInFlight;
    private final long bodyDeadlineMillis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Platform, Counter> overloaded = new EnumMap<>(Platform.class);
    private final Counter overloadedElsewhere;
    private final Counter bodyTimeouts;

    public WebhookAdmission(@ConfigProperty(name = "qunguan.webhooks.max-in-flight", defaultValue = "64") int maxInFlight,
            @ConfigProperty(name = "qunguan.webhooks.body-deadline", defaultValue = "10s") Duration bodyDeadline,
            MeterRegistry registry) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("qunguan.webhooks.max-in-flight must be at least 1, not " + maxInFlight);
        }
        if (bodyDeadline.toMillis() < 1) {
            throw new IllegalArgumentException("qunguan.webhooks.body-deadline must be positive, not " + bodyDeadline);
        }
        this.maxInFlight = maxInFlight;
        this.bodyDeadlineMillis = bodyDeadline.toMillis();
        this.bodyTimeouts = Counter.builder("qunguan.webhooks.body.timeouts")
                .description("webhook requests cut because their body had not arrived within the body deadline")
                .register(registry);
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
        // a client that sends its headers and trickles its body would hold the slot until the connection's idle
        // timeout (30 min): past the deadline, with the body still not in, it is answered 408 and let go
        long deadline = context.vertx().setTimer(bodyDeadlineMillis, fired -> {
            if (!context.request().isEnded() && !context.response().ended()) {
                bodyTimeouts.increment();
                answerAndClose(context, 408, BODY_TOO_SLOW);
            }
        });
        // the routing context calls its end handlers once, on the response's end or its connection's close; the
        // response's own endHandler is not ours to set (Quarkus replaces it, and the slot would leak)
        context.addEndHandler(ended -> {
            context.vertx().cancelTimer(deadline);
            inFlight.decrementAndGet();
        });
        context.next();
    }

    private static void refuse(RoutingContext context) {
        context.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        answerAndClose(context, 503, OVERLOADED);
    }

    private static void answerAndClose(RoutingContext context, int status, String error) {
        HttpServerResponse response = context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (context.request().version() == HttpVersion.HTTP_2) {
            response.end(error);
            return;
        }
        // the body is not read (on): like Quarkus's own 413 before the body, close the connection rather than leave
        // the unread rest of it in front of the next request
        response.putHeader(HttpHeaders.CONNECTION, "close");
        response.end(error).onComplete(written -> context.request().connection().close());
    }

    private static Optional<Platform> platformOf(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', PREFIX.length());
        return Platform.find(path.substring(PREFIX.length(), end < 0 ? path.length() : end));
    }
}
