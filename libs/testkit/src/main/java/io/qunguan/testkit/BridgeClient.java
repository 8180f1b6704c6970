package io.qunguan.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Talks to the services over HTTP as a bridge does (signed generic webhooks) and as a person does (bearer
 * tokens). Used by the system tests and the local run's demo.
 */
public final class BridgeClient {

    /** A response: status and JSON body (null when the body is not JSON). */
    public record Answer(int status, JsonNode json, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String secret;

    public BridgeClient(String secret) {
        this.secret = secret;
    }

    /** A text message in the generic format; {@code text} may hold line breaks and quotes. */
    public static String message(String id, String chat, String sender, String senderName, String text) {
        return """
                {"id":"%s","type":"message","chat":{"id":"%s","name":"行政人事部-通知群"},
                 "sender":{"id":"%s","name":"%s"},"kind":"text","text":%s,
                 "sentAt":"2026-11-20T09:30:00+08:00","mentions":[]}""".formatted(id, chat, sender, senderName,
                jsonString(text));
    }

    private static String jsonString(String text) {
        try {
            return EventJson.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + text, e);
        }
    }

    /** Someone joining a chat in the generic format; {@code invitedBy} null when the platform does not say. */
    public static String memberJoined(String chat, String member, String nickname, String invitedBy) {
        return """
                {"id":"%s","type":"member_joined","chat":{"id":"%s"},"at":"%s",
                 "member":{"id":"%s","name":"%s"}%s}""".formatted(UUID.randomUUID(), chat,
                OffsetDateTime.now(ZoneOffset.UTC), member, nickname,
                invitedBy == null ? "" : ",\"operator\":{\"id\":\"" + invitedBy + "\"}");
    }

    /**
     * Reads every 250 ms until {@code until} holds of what was read, and returns that.
     *
     * @throws AssertionError when it does not hold within {@code timeout}, with the last answer read
     */
    public static <T> T await(Supplier<T> read, Predicate<T> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = read.get();
        while (!until.test(last)) {
            if (System.nanoTime() >= deadline) {
                String shown = String.valueOf(last);
                throw new AssertionError("what was awaited did not hold within " + timeout.toSeconds()
                        + " s; last read: " + (shown.length() <= 2_000 ? shown : shown.substring(0, 2_000) + "…"));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
            last = read.get();
        }
        return last;
    }

    /** Posts a signed generic webhook to the group-service at {@code baseUrl}. */
    public Answer post(String baseUrl, String body) {
        return post(baseUrl, body, secret);
    }

    public Answer post(String baseUrl, String body, String signingSecret) {
        return send(webhook(baseUrl, body, signingSecret));
    }

    /** The signed generic webhook carrying {@code body} to group-service at {@code baseUrl}, sent now. */
    public static HttpRequest webhook(String baseUrl, String body, String signingSecret) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/generic"))
                .timeout(Duration.ofSeconds(30))
                // lets the server refuse an oversized body (413) before it is uploaded, as a careful client does
                .expectContinue(body.length() > 64 * 1024)
                .header("Content-Type", "application/json")
                .header("X-Qunguan-Timestamp", timestamp)
                .header("X-Qunguan-Signature", "v1=" + sign(signingSecret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    /** A GET with a bearer token; none when {@code token} is null. */
    public Answer get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A REST call with a bearer token and, unless {@code json} is null, a JSON body. */
    public Answer call(String method, String url, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json;
            try {
                json = EventJson.MAPPER.readTree(response.body());
            } catch (IOException e) {
                json = null;
            }
            return new Answer(response.statusCode(), json, response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The hex signature of {@code body} sent at {@code timestamp}. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("v1:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
