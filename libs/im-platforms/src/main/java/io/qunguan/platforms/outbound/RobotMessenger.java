package io.qunguan.platforms.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qunguan.events.EventJson;
import io.qunguan.events.Platform;
import io.qunguan.platforms.crypto.RobotSignatures;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Posts robot messages to the platforms' group robots and bots: WeCom 群机器人 (key), DingTalk 自定义机器人
 * (access_token and 加签), Feishu 自定义机器人 (hook token and sign), Slack {@code chat.postMessage}, OneBot
 * {@code send_group_msg}. Each destination's published limit is kept (sliding windows, queueing instead of
 * dropping); "too fast" answers (HTTP 429 with {@code Retry-After}, WeCom 45009, DingTalk 130101, Feishu 11232,
 * Slack {@code ratelimited}) pause the destination and are retried with backoff; redirects are never followed.
 */
public class RobotMessenger {

    private static final System.Logger LOG = System.getLogger(RobotMessenger.class.getName());
    /** DingTalk locks a robot for ten minutes once it went over its limit. */
    static final Duration DINGTALK_LOCKOUT = Duration.ofMinutes(10);
    static final int WECOM_TEXT_BYTES = 2048;
    static final int FEISHU_BODY_BYTES = 20 * 1024;

    private final PlatformHosts hosts;
    private final HttpClient http;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration maxBackoff;
    private final Duration maxQueueDelay;
    private final SendWindows windows;
    private final Clock clock;

    /** @param hosts the base URL of each platform's API: the only hosts ever called */
    public RobotMessenger(PlatformHosts hosts, Duration timeout, int maxAttempts, Duration maxBackoff,
            Duration maxQueueDelay, SendWindows windows, Clock clock) {
        this.hosts = hosts;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.maxBackoff = maxBackoff;
        this.maxQueueDelay = maxQueueDelay;
        this.windows = windows;
        this.clock = clock;
    }

    /** Sends {@code message}, waiting for the destination's turn; blocks the calling thread meanwhile. */
    public SendOutcome send(RobotDestination destination, RobotMessage message) {
        URI host = hosts.of(destination.platform()).orElse(null);
        if (host == null) {
            return new SendOutcome(SendOutcome.Status.REJECTED, 0, "no " + destination.platform() + " API is configured");
        }
        Optional<String> tooLong = tooLong(destination.platform(), message);
        if (tooLong.isPresent()) {
            return new SendOutcome(SendOutcome.Status.REJECTED, 0, tooLong.get());
        }
        String detail = "";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Optional<Instant> turn = windows.reserve(destination.platform(), destination.limitKey(), clock.instant(),
                    maxQueueDelay);
            if (turn.isEmpty()) {
                return new SendOutcome(SendOutcome.Status.QUEUE_FULL, attempt - 1,
                        "the queue is longer than " + maxQueueDelay);
            }
            sleepUntil(turn.get());
            Answer answer;
            try {
                HttpResponse<String> response = http.send(request(host, destination, message),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                answer = classify(destination.platform(), response);
            } catch (HttpConnectTimeoutException | ConnectException e) {
                // nothing reached the platform: safe to try again
                answer = Answer.retry("unreachable: " + e.getClass().getSimpleName(), null);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "robot message to {0}: no answer after sending ({1}); not sent again",
                        destination, e.toString());
                return new SendOutcome(SendOutcome.Status.UNCERTAIN, attempt, e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SendOutcome(SendOutcome.Status.UNAVAILABLE, attempt, "interrupted");
            }
            switch (answer.kind) {
                case SENT -> {
                    return new SendOutcome(SendOutcome.Status.SENT, attempt, "");
                }
                case REJECTED -> {
                    LOG.log(System.Logger.Level.WARNING, "robot message to {0} refused: {1}", destination, answer.detail);
                    return new SendOutcome(SendOutcome.Status.REJECTED, attempt, answer.detail);
                }
                case RETRY -> {
                    detail = answer.detail;
                    Duration wait = answer.pause != null ? answer.pause
                            : Duration.ofSeconds(1L << Math.min(attempt - 1, 20));
                    // the pause holds back every later message to this destination too
                    Instant until = clock.instant().plus(wait);
                    windows.pause(destination.platform(), destination.limitKey(), until);
                    if (wait.compareTo(maxBackoff) > 0) {
                        // a long lockout (DingTalk's ten minutes, a long Retry-After) is not waited out in a thread
                        return new SendOutcome(SendOutcome.Status.UNAVAILABLE, attempt, detail + "; paused until " + until);
                    }
                }
            }
        }
        return new SendOutcome(SendOutcome.Status.UNAVAILABLE, maxAttempts, detail);
    }

    private static Optional<String> tooLong(Platform platform, RobotMessage message) {
        int bytes = message.text().getBytes(StandardCharsets.UTF_8).length;
        if (platform == Platform.WECOM && bytes > WECOM_TEXT_BYTES * (message.markdown() ? 2 : 1)) {
            return Optional.of("WeCom robots take at most " + WECOM_TEXT_BYTES * (message.markdown() ? 2 : 1)
                    + " bytes; this message has " + bytes);
        }
        if (platform == Platform.FEISHU && bytes > FEISHU_BODY_BYTES - 1024) {
            return Optional.of("Feishu bots take bodies of at most 20 KB; this message has " + bytes + " bytes");
        }
        return Optional.empty();
    }

    private void sleepUntil(Instant turn) {
        long millis = Duration.between(clock.instant(), turn).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    HttpRequest request(URI host, RobotDestination destination, RobotMessage message) {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        String base = host.toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8");
        String text = message.text();
        URI uri = switch (destination.platform()) {
            case WECOM -> {
                String type = message.markdown() ? "markdown" : "text";
                body.put("msgtype", type);
                ObjectNode content = body.putObject(type).put("content", text);
                if (!message.markdown()) {
                    message.mentions().forEach(content.putArray("mentioned_list")::add);
                }
                yield URI.create(base + "/cgi-bin/webhook/send?key=" + encode(destination.credential()));
            }
            case DINGTALK -> {
                if (message.markdown()) {
                    body.put("msgtype", "markdown").putObject("markdown").put("title", title(text)).put("text", text);
                } else {
                    body.put("msgtype", "text").putObject("text").put("content", text);
                }
                ArrayNode at = body.putObject("at").putArray("atUserIds");
                message.mentions().forEach(at::add);
                StringBuilder query = new StringBuilder("?access_token=").append(encode(destination.credential()));
                if (destination.secret() != null) {
                    long timestamp = clock.millis();
                    query.append("&timestamp=").append(timestamp).append("&sign=")
                            .append(encode(RobotSignatures.dingTalk(destination.secret(), timestamp)));
                }
                yield URI.create(base + "/robot/send" + query);
            }
            case FEISHU -> {
                if (destination.secret() != null) {
                    long timestamp = clock.instant().getEpochSecond();
                    body.put("timestamp", Long.toString(timestamp))
                            .put("sign", RobotSignatures.feishu(destination.secret(), timestamp));
                }
                if (message.markdown()) {
                    body.put("msg_type", "interactive").putObject("card").putArray("elements").addObject()
                            .put("tag", "markdown").put("content", text);
                } else {
                    StringBuilder mentioned = new StringBuilder();
                    message.mentions().forEach(id -> mentioned.append("<at user_id=\"").append(id).append("\"></at> "));
                    body.put("msg_type", "text").putObject("content").put("text", mentioned + text);
                }
                yield URI.create(base + "/open-apis/bot/v2/hook/" + encode(destination.credential()));
            }
            case SLACK -> {
                StringBuilder mentioned = new StringBuilder();
                message.mentions().forEach(id -> mentioned.append("<@").append(id).append("> "));
                body.put("channel", destination.channel()).put("text", mentioned + text).put("mrkdwn", message.markdown());
                request.header("Authorization", "Bearer " + destination.credential());
                yield URI.create(base + "/api/chat.postMessage");
            }
            case GENERIC -> throw new IllegalArgumentException("no robot client for the generic webhook");
            case ONEBOT -> {
                String group = destination.channel();
                if (group.matches("\\d{1,18}")) {
                    body.put("group_id", Long.parseLong(group));
                } else {
                    body.put("group_id", group);
                }
                ArrayNode segments = body.putArray("message");
                message.mentions().forEach(id -> segments.addObject().put("type", "at").putObject("data").put("qq", id));
                segments.addObject().put("type", "text").putObject("data").put("text", text);
                if (destination.credential() != null) {
                    request.header("Authorization", "Bearer " + destination.credential());
                }
                yield URI.create(base + "/send_group_msg");
            }
        };
        return request.uri(uri).POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }

    /** A markdown message's first line, as the short title DingTalk asks for. */
    static String title(String markdown) {
        String first = markdown.strip().lines().findFirst().orElse("通知").replaceAll("^#+\\s*", "");
        return first.length() > 20 ? first.substring(0, 20) : first;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private enum Kind { SENT, REJECTED, RETRY }

    private record Answer(Kind kind, String detail, Duration pause) {
        static Answer retry(String detail, Duration pause) {
            return new Answer(Kind.RETRY, detail, pause);
        }
    }

    static Answer classify(Platform platform, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 429) {
            return Answer.retry("HTTP 429", retryAfter(response));
        }
        if (status >= 500) {
            return Answer.retry("HTTP " + status, retryAfter(response));
        }
        if (status >= 300) {
            return new Answer(Kind.REJECTED, "HTTP " + status, null);
        }
        JsonNode answer;
        try {
            answer = EventJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            return new Answer(Kind.REJECTED, "answer is not JSON", null);
        }
        if (answer == null) {
            return new Answer(Kind.REJECTED, "empty answer", null);
        }
        return switch (platform) {
            case WECOM -> code(answer.path("errcode").asInt(-1), 45009, answer.path("errmsg").asText(), null);
            case DINGTALK -> code(answer.path("errcode").asInt(-1), 130101, answer.path("errmsg").asText(),
                    DINGTALK_LOCKOUT);
            case FEISHU -> code(answer.has("code") ? answer.path("code").asInt(-1) : answer.path("StatusCode").asInt(-1),
                    11232, answer.has("msg") ? answer.path("msg").asText() : answer.path("StatusMessage").asText(), null);
            case SLACK -> answer.path("ok").asBoolean(false) ? new Answer(Kind.SENT, "", null)
                    : "ratelimited".equals(answer.path("error").asText()) ? Answer.retry("ratelimited", retryAfter(response))
                    : new Answer(Kind.REJECTED, answer.path("error").asText("not ok"), null);
            case ONEBOT, GENERIC -> "ok".equals(answer.path("status").asText()) || "async".equals(answer.path("status").asText())
                    ? new Answer(Kind.SENT, "", null)
                    : new Answer(Kind.REJECTED, "retcode " + answer.path("retcode").asText() + " "
                            + answer.path("message").asText(answer.path("wording").asText()), null);
        };
    }

    private static Answer code(int code, int throttled, String message, Duration pause) {
        if (code == 0) {
            return new Answer(Kind.SENT, "", null);
        }
        if (code == throttled) {
            return Answer.retry(code + " " + message, pause);
        }
        return new Answer(Kind.REJECTED, code + " " + message, null);
    }

    static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").filter(value -> value.matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value))).orElse(null);
    }
}
