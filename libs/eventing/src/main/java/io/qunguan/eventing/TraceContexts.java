package io.qunguan.eventing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * W3C trace context across Kafka, so that one message's path through the services is one trace: the current span's
 * {@code traceparent} goes into every record's headers, directly or through the outbox (which keeps it with the row),
 * and a consumer handles each record under the context its headers carry. Without an OpenTelemetry SDK the context
 * still travels: spans are then non-recording, but they keep the trace id they were given.
 */
public final class TraceContexts {

    /** The W3C header, as Kafka record header too. */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceContexts() {
    }

    /** The current span's {@code traceparent}, or empty outside a valid span. */
    public static Optional<String> current() {
        Map<String, String> carrier = new HashMap<>(2);
        PROPAGATOR.inject(Context.current(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(TRACEPARENT));
    }

    /** The context a record's headers carry; the root context when they carry none. */
    public static Context of(Headers headers) {
        return PROPAGATOR.extract(Context.root(), headers, KAFKA_HEADERS);
    }
}
