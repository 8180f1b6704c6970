package io.qunguan.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.qunguan.events.EventJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the platforms' APIs over real HTTP: records every request and answers as scripted. Token
 * endpoints hand out numbered tokens ({@code tok-1}, {@code t-1}…); anything unscripted is answered with every
 * platform's "ok".
 */
public final class FakePlatform implements AutoCloseable {

    /** One request as the platform saw it. */
    public record Seen(String method, String path, String query, Map<String, List<String>> headers, String body,
            long atNanos) {

        public JsonNode json() {
            try {
                return EventJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(body, e);
            }
        }

        public String parameter(String name) {
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A scripted answer. */
    public record Scripted(int status, String body, Map<String, String> headers, long delayMillis) {

        public static Scripted ok(String body) {
            return new Scripted(200, body, Map.of(), 0);
        }
    }

    static final String OK = "{\"errcode\":0,\"code\":0,\"ok\":true,\"status\":\"ok\",\"retcode\":0}";

    private final HttpServer server;
    /** A queue, not a copy-on-write list: under the load harness it takes hundreds of requests a second. */
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final Map<String, Deque<Scripted>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();

    private FakePlatform(HttpServer server) {
        this.server = server;
    }

    public static FakePlatform start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakePlatform platform = new FakePlatform(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                platform.seen.add(new Seen(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                        Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8),
                        System.nanoTime()));
                Scripted answer = platform.answerFor(path);
                try {
                    if (answer.delayMillis() > 0) {
                        Thread.sleep(answer.delayMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                } catch (IOException e) {
                    // the client gave up waiting: what the timeout tests want
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Scripted answerFor(String path) {
        Deque<Scripted> queue = answers.get(path);
        if (queue != null) {
            synchronized (queue) {
                if (!queue.isEmpty()) {
                    return queue.size() == 1 ? queue.peek() : queue.poll();
                }
            }
        }
        if (path.endsWith("/gettoken")) {
            return Scripted.ok("{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"tok-" + tokens.incrementAndGet()
                    + "\",\"expires_in\":7200}");
        }
        if (path.endsWith("/tenant_access_token/internal")) {
            return Scripted.ok("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-" + tokens.incrementAndGet()
                    + "\",\"expire\":7200}");
        }
        return Scripted.ok(OK);
    }

    /** The base URL of one platform's API on this server: {@code http://127.0.0.1:<port>/<prefix>}. */
    public URI url(String prefix) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + prefix);
    }

    /** Answers requests to {@code path} with these, in order; the last one stays. */
    public void answer(String path, Scripted... scripted) {
        answers.put(path, new ArrayDeque<>(List.of(scripted)));
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public List<Seen> seen(String path) {
        return seen.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** Forgets what was seen and scripted. */
    public void reset() {
        seen.clear();
        answers.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
