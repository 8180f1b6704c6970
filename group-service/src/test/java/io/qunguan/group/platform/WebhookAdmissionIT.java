package io.qunguan.group.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Topics;
import io.qunguan.testkit.BridgeClient;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admission control of the webhooks against a real broker, over real HTTP, with a limit of two in flight: webhooks
 * are held in flight by a client that sends their headers and half their body, and holds back the rest.
 */
@QuarkusTest
@TestProfile(WebhookAdmissionIT.TwoInFlight.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class WebhookAdmissionIT {

    /** At most two webhooks in flight on the instance. */
    public static class TwoInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qunguan.webhooks.max-in-flight", "2");
        }
    }

    private static final String SECRET = "test-secret-current";
    private static final String IN_FLIGHT = "qunguan_webhooks_in_flight";
    private static final String OVERLOADED = "qunguan_webhooks_overloaded_total";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/webhooks/generic")
    URI url;

    @BeforeEach
    void noWebhookInFlight() {
        awaitInFlight(0);
    }

    @Test
    void whenAsManyWebhooksAsTheLimitAreInFlightOneMoreIs503AtOnceAndItsRetryIsPublishedOnce() {
        String chat = "chat-" + UUID.randomUUID();
        String refused = message("m-refused", chat, "被拒后重试");
        double refusedBefore = metric(OVERLOADED, "platform=\"generic\"");
        try (HeldWebhook first = HeldWebhook.open(url, message("m-held-1", chat, "第一条"));
                HeldWebhook second = HeldWebhook.open(url, message("m-held-2", chat, "第二条"))) {
            awaitInFlight(2);

            // answered while the two cannot finish (their bodies are still with the client): it did not queue
            assertOverloaded(post(refused));
            assertEquals(refusedBefore + 1, metric(OVERLOADED, "platform=\"generic\""));
            assertEquals(2, metric(IN_FLIGHT, null), "the refused webhook took no slot");

            assertEquals(200, first.finish());
            assertEquals(200, second.finish());
        }
        awaitInFlight(0);
        assertEquals(200, post(refused).statusCode(), "the platform's retry is accepted");
        assertEquals(200, post(message("m-marker", chat, "marker")).statusCode());

        // the chat's events all lie on one partition, in the order they were published, up to the marker
        try (KafkaProbe probe = KafkaResource.probe()) {
            List<String> published = probe.eventsThrough(Topics.IM_MESSAGES, event -> event.data()
                    instanceof MessagePosted posted && posted.chatId().equals(chat) && posted.text().equals("marker"),
                    WAIT).stream().filter(event -> event.subject().equals("generic:" + chat))
                    .map(event -> ((MessagePosted) event.data()).text()).toList();
            assertEquals(List.of("第一条", "第二条", "被拒后重试", "marker"), published,
                    "the refused delivery published nothing, its retry once");
        }
    }

    @Test
    void aClientThatDisconnectsMidBodyGivesItsSlotBackExactlyOnce() {
        String chat = "chat-" + UUID.randomUUID();
        HeldWebhook abandoned = HeldWebhook.open(url, message("m-abandoned", chat, "断开"));
        awaitInFlight(1);
        abandoned.close();
        awaitInFlight(0);

        // given back twice, the count would admit a third of these
        try (HeldWebhook first = HeldWebhook.open(url, message("m-after-1", chat, "一"));
                HeldWebhook second = HeldWebhook.open(url, message("m-after-2", chat, "二"))) {
            awaitInFlight(2);
            try (HeldWebhook third = HeldWebhook.open(url, message("m-after-3", chat, "三"))) {
                assertEquals(503, third.status(), "refused before the rest of its body was sent");
            }
            assertEquals(200, first.finish());
            assertEquals(200, second.finish());
        }
        awaitInFlight(0);
    }

    @Test
    void healthMetricsAndTheApiAreNotLimited() {
        try (HeldWebhook first = HeldWebhook.open(url, message("m-h-1", "chat-h", "一"));
                HeldWebhook second = HeldWebhook.open(url, message("m-h-2", "chat-h", "二"))) {
            awaitInFlight(2);
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/q/metrics").then().statusCode(200);
            given().get("/api/webhook-deliveries/unrecognised").then().statusCode(401);
            assertEquals(200, first.finish());
            assertEquals(200, second.finish());
        }
    }

    private static void assertOverloaded(HttpResponse<String> answer) {
        assertEquals(503, answer.statusCode());
        assertEquals("1", answer.headers().firstValue("Retry-After").orElse(null));
        assertEquals("{\"error\":\"overloaded: retry later\"}", answer.body());
    }

    static String message(String id, String chat, String text) {
        return BridgeClient.message(id, chat, "u-zhang", "市场部-张三", text);
    }

    private HttpResponse<String> post(String body) {
        String base = "http://" + url.getHost() + ":" + url.getPort();
        HttpRequest request = HttpRequest.newBuilder(BridgeClient.webhook(base, body, SECRET), (name, value) -> true)
                .timeout(WAIT).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitInFlight(double count) {
        BridgeClient.await(() -> metric(IN_FLIGHT, null), value -> value == count, WAIT);
    }

    /** The value of one series on /q/metrics: the metric {@code name} with {@code label} among its labels, if given. */
    static double metric(String name, String label) {
        String[] series = given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> label == null || line.contains(label))
                .map(line -> line.split(" ")).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + name + " " + label + " on /q/metrics"));
        return Double.parseDouble(series[series.length - 1]);
    }

    /** A signed generic webhook whose client has sent its headers and half its body, and holds back the rest. */
    static final class HeldWebhook implements AutoCloseable {

        private final Socket socket;
        private final byte[] rest;

        private HeldWebhook(Socket socket, byte[] rest) {
            this.socket = socket;
            this.rest = rest;
        }

        static HeldWebhook open(URI url, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            String head = "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\nX-Qunguan-Timestamp: " + timestamp
                    + "\r\nX-Qunguan-Signature: v1=" + BridgeClient.sign(SECRET, timestamp, body)
                    + "\r\nConnection: close\r\n\r\n";
            try {
                Socket socket = new Socket(url.getHost(), url.getPort());
                socket.setSoTimeout((int) WAIT.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
                return new HeldWebhook(socket, Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Sends the rest of the body; the status the server then answers with. */
        int finish() {
            try {
                socket.getOutputStream().write(rest);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return status();
        }

        /** The status the server answers with, read without sending anything more. */
        int status() {
            try {
                String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                if (statusLine == null) {
                    throw new AssertionError("the server closed the connection without an answer");
                }
                return Integer.parseInt(statusLine.split(" ")[1]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
