package io.qunguan.platforms.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qunguan.events.EventJson;
import io.qunguan.events.Platform;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The platforms' app APIs as one app per platform sees them: the configured hosts only, the app credentials, and the
 * app access tokens (WeCom and DingTalk {@code gettoken}, Feishu {@code tenant_access_token}) cached and refreshed
 * single-flight ({@link AccessTokens}); a token the platform calls invalid is fetched again once. Redirects are
 * never followed. {@link PlatformAdmin} and {@link DirectMessenger} share one instance, so they share its tokens.
 */
public final class PlatformAppClient {

    /** A token is renewed this long before it expires (Feishu hands out a new one in its last 30 minutes). */
    static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);
    private static final Pattern PATH_SAFE = Pattern.compile("[A-Za-z0-9._~-]{1,256}");
    /** WeCom's and DingTalk's older API share these: invalid credential, invalid token, token expired. */
    private static final Set<Integer> ERRCODE_TOKEN_INVALID = Set.of(40001, 40014, 42001);
    private static final Set<Integer> FEISHU_TOKEN_INVALID = Set.of(99991661, 99991663, 99991668);
    private static final Set<Integer> FEISHU_THROTTLED = Set.of(11232, 99991400);

    private final PlatformHosts hosts;
    private final AppCredentials credentials;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final AccessTokens tokens;

    /** @param credentials the app of each platform: a missing one makes what needs it {@code NOT_OFFERED} */
    public PlatformAppClient(PlatformHosts hosts, AppCredentials credentials, Duration timeout, Clock clock) {
        this.hosts = hosts;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.clock = clock;
        this.tokens = new AccessTokens(clock, TOKEN_MARGIN);
    }

    AppCredentials credentials() {
        return credentials;
    }

    Clock clock() {
        return clock;
    }

    /** One platform answer: the HTTP status, the JSON body (empty when it was none), a {@code Retry-After}. */
    record Reply(int status, JsonNode json, Duration retryAfter) {

        int errcode() {
            return json.path("errcode").asInt(-1);
        }
    }

    /** One call to a platform, which may throw what {@link #attempt} turns into an outcome. */
    @FunctionalInterface
    interface Call {
        ActionOutcome make() throws IOException, InterruptedException;
    }

    /**
     * Makes {@code call} once and says what became of it. A request with no answer may have been carried out:
     * {@code repeatable} says whether making it again changes nothing (a removal, a post with an idempotency key);
     * otherwise it is {@code UNCERTAIN} and not repeated.
     */
    ActionOutcome attempt(boolean repeatable, Call call) {
        try {
            return call.make();
        } catch (NotConfigured e) {
            return ActionOutcome.notOffered(e.getMessage());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            // nothing reached the platform
            return ActionOutcome.unavailable("unreachable: " + e.getClass().getSimpleName(), null);
        } catch (IOException e) {
            String detail = "no answer: " + e.getClass().getSimpleName();
            return repeatable ? ActionOutcome.unavailable(detail, null)
                    : new ActionOutcome(ActionOutcome.Status.UNCERTAIN, detail, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionOutcome.unavailable("interrupted", null);
        }
    }

    // --- each platform's app API with its token ----------------------------------------------------------------

    /** WeCom's API ({@code /cgi-bin/…}) with the app's access token. */
    Reply weCom(String path, ObjectNode body) throws IOException, InterruptedException {
        String base = host(Platform.WECOM);
        AccessTokens.Source fetch = errcodeToken(URI.create(base + "/cgi-bin/gettoken?corpid="
                + encode(credential(credentials.wecomCorpId(), "wecom.corp-id")) + "&corpsecret="
                + encode(credential(credentials.wecomCorpSecret(), "wecom.corp-secret"))));
        return withToken(Platform.WECOM, fetch, reply -> ERRCODE_TOKEN_INVALID.contains(reply.errcode()),
                token -> send("POST", URI.create(base + path + "?access_token=" + encode(token)), Map.of(), body));
    }

    /** DingTalk's older API ({@code oapi}, errcode answers) with the app's access token. */
    Reply dingTalk(String path, ObjectNode body) throws IOException, InterruptedException {
        String base = host(Platform.DINGTALK);
        return withToken(Platform.DINGTALK, dingTalkToken(base), reply -> ERRCODE_TOKEN_INVALID.contains(reply.errcode()),
                token -> send("POST", URI.create(base + path + "?access_token=" + encode(token)), Map.of(), body));
    }

    /** DingTalk's newer OpenAPI (HTTP statuses and a textual code) with the same token, sent as a header. */
    Reply dingTalkOpenApi(String path, ObjectNode body) throws IOException, InterruptedException {
        String openApi = base(hosts.dingtalkOpenApi(), "dingtalk-api");
        return withToken(Platform.DINGTALK, dingTalkToken(host(Platform.DINGTALK)), reply -> reply.status() == 401
                        || "InvalidAuthentication".equals(reply.json().path("code").asText()),
                token -> send("POST", URI.create(openApi + path), Map.of("x-acs-dingtalk-access-token", token), body));
    }

    /** Feishu's {@code open-apis} with the tenant_access_token. */
    Reply feishu(String method, String pathAndQuery, ObjectNode body) throws IOException, InterruptedException {
        String base = host(Platform.FEISHU);
        ObjectNode secret = EventJson.MAPPER.createObjectNode()
                .put("app_id", credential(credentials.feishuAppId(), "feishu.app-id"))
                .put("app_secret", credential(credentials.feishuAppSecret(), "feishu.app-secret"));
        AccessTokens.Source fetch = () -> {
            Reply reply = send("POST", URI.create(base + "/open-apis/auth/v3/tenant_access_token/internal"), Map.of(),
                    secret);
            if (reply.json().path("code").asInt(-1) != 0) {
                throw new NotConfigured("Feishu refused the app credentials: " + reply.json().path("code").asInt(-1)
                        + " " + reply.json().path("msg").asText());
            }
            return token(reply.json(), "tenant_access_token", "expire");
        };
        return withToken(Platform.FEISHU, fetch,
                reply -> FEISHU_TOKEN_INVALID.contains(reply.json().path("code").asInt(-1)),
                token -> send(method, URI.create(base + pathAndQuery), bearer(token), body));
    }

    /** A Slack Web API method with the bot token. */
    Reply slack(String method, ObjectNode body) throws IOException, InterruptedException {
        String token = credential(credentials.slackBotToken(), "slack.bot-token");
        return send("POST", URI.create(host(Platform.SLACK) + "/api/" + method), bearer(token), body);
    }

    /** A OneBot action on the bridge's HTTP API, with its token when it has one. */
    Reply oneBot(String action, ObjectNode body) throws IOException, InterruptedException {
        String apiToken = credentials.onebotApiToken();
        return send("POST", URI.create(host(Platform.ONEBOT) + "/" + action),
                apiToken == null ? Map.of() : bearer(apiToken), body);
    }

    // --- what the answers mean ------------------------------------------------------------------------------------

    /** WeCom's and DingTalk's older API: {@code errcode} 0 is done, a throttle code or a 5xx is for later. */
    static ActionOutcome errcodeOutcome(Reply reply, Set<Integer> throttled) {
        int code = reply.errcode();
        if (code == 0) {
            return ActionOutcome.done();
        }
        String detail = code + " " + reply.json().path("errmsg").asText();
        if (throttled.contains(code) || reply.status() == 429) {
            return ActionOutcome.unavailable(detail, reply.retryAfter());
        }
        return reply.status() >= 500 ? ActionOutcome.unavailable("HTTP " + reply.status(), reply.retryAfter())
                : ActionOutcome.refused(detail);
    }

    /** DingTalk's OpenAPI: a 2xx is done, 429 and 5xx are for later. */
    static ActionOutcome openApiOutcome(Reply reply) {
        if (reply.status() == 429 || reply.status() >= 500) {
            return ActionOutcome.unavailable("HTTP " + reply.status(), reply.retryAfter());
        }
        return reply.status() / 100 == 2 ? ActionOutcome.done() : ActionOutcome.refused("HTTP " + reply.status()
                + " " + reply.json().path("code").asText() + " " + reply.json().path("message").asText());
    }

    /** Feishu: {@code code} 0 is done; 11232 (frequency limited), 429 and 5xx are for later. */
    static ActionOutcome feishuOutcome(Reply reply) {
        int code = reply.json().path("code").asInt(-1);
        if (reply.status() == 429 || FEISHU_THROTTLED.contains(code)) {
            return ActionOutcome.unavailable(code + " " + reply.json().path("msg").asText(), reply.retryAfter());
        }
        if (code == 0) {
            return ActionOutcome.done();
        }
        return reply.status() >= 500 ? ActionOutcome.unavailable("HTTP " + reply.status(), reply.retryAfter())
                : ActionOutcome.refused(code + " " + reply.json().path("msg").asText());
    }

    /** Slack: {@code ok} is done; {@code ratelimited}, 429 and 5xx are for later. */
    static ActionOutcome slackOutcome(Reply reply) {
        if (reply.status() == 429 || "ratelimited".equals(reply.json().path("error").asText())) {
            return ActionOutcome.unavailable("ratelimited", reply.retryAfter());
        }
        if (reply.status() >= 500) {
            return ActionOutcome.unavailable("HTTP " + reply.status(), reply.retryAfter());
        }
        return reply.json().path("ok").asBoolean(false) ? ActionOutcome.done()
                : ActionOutcome.refused(reply.json().path("error").asText("HTTP " + reply.status()));
    }

    /** OneBot: status {@code ok} or {@code async} is done; 429 and 5xx are for later. */
    static ActionOutcome oneBotOutcome(Reply reply) {
        if (reply.status() >= 500 || reply.status() == 429) {
            return ActionOutcome.unavailable("HTTP " + reply.status(), reply.retryAfter());
        }
        String status = reply.json().path("status").asText();
        return status.equals("ok") || status.equals("async") ? ActionOutcome.done()
                : ActionOutcome.refused(reply.status() / 100 != 2 ? "HTTP " + reply.status()
                        : "retcode " + reply.json().path("retcode").asText() + " "
                                + reply.json().path("message").asText(reply.json().path("wording").asText()));
    }

    // --- plumbing ---------------------------------------------------------------------------------------------------

    private Reply send(String method, URI uri, Map<String, String> headers, ObjectNode body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json;
        try {
            json = EventJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        return new Reply(response.statusCode(), json == null ? EventJson.MAPPER.createObjectNode() : json,
                RobotMessenger.retryAfter(response));
    }

    /** A call made with an app access token. */
    @FunctionalInterface
    private interface TokenCall {
        Reply with(String token) throws IOException, InterruptedException;
    }

    /**
     * Makes {@code call} with {@code app}'s cached token. A token the platform calls invalid (revoked, or the secret
     * rotated) is dropped and the call made once more with a fresh one; a second refusal is the platform's answer.
     */
    private Reply withToken(Platform app, AccessTokens.Source fetch, Predicate<Reply> tokenInvalid, TokenCall call)
            throws IOException, InterruptedException {
        String token = tokens.get(app.id(), fetch);
        Reply reply = call.with(token);
        if (tokenInvalid.test(reply)) {
            tokens.invalidate(app.id(), token);
            reply = call.with(tokens.get(app.id(), fetch));
        }
        return reply;
    }

    private AccessTokens.Source dingTalkToken(String base) {
        return errcodeToken(URI.create(base + "/gettoken?appkey="
                + encode(credential(credentials.dingtalkAppKey(), "dingtalk.app-key")) + "&appsecret="
                + encode(credential(credentials.dingtalkAppSecret(), "dingtalk.app-secret"))));
    }

    /** The {@code gettoken} of WeCom and DingTalk: {@code access_token} and {@code expires_in}, errcode 0. */
    private AccessTokens.Source errcodeToken(URI uri) {
        return () -> {
            Reply reply = send("GET", uri, Map.of(), null);
            if (reply.errcode() != 0) {
                throw new NotConfigured("the platform refused the app credentials: " + reply.errcode() + " "
                        + reply.json().path("errmsg").asText());
            }
            return token(reply.json(), "access_token", "expires_in");
        };
    }

    private AccessTokens.Token token(JsonNode answer, String field, String expiresIn) {
        String value = answer.path(field).asText("");
        if (value.isEmpty()) {
            throw new NotConfigured("the platform's token answer carries no " + field);
        }
        Instant expiresAt = clock.instant().plusSeconds(answer.path(expiresIn).asLong(7200));
        return new AccessTokens.Token(value, expiresAt);
    }

    private String host(Platform platform) {
        return base(hosts.of(platform), platform.id());
    }

    private static String base(Optional<URI> host, String name) {
        return host.orElseThrow(() -> new NotConfigured("no " + name + " API is configured")).toString()
                .replaceAll("/+$", "");
    }

    /** A credential the call needs. @throws NotConfigured when it is missing */
    static String credential(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new NotConfigured(name + " is not configured");
        }
        return value;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** An id that lands in a URL path. @throws NotConfigured when it is not a plain token */
    static String pathSegment(String id) {
        if (!PATH_SAFE.matcher(id).matches()) {
            throw new NotConfigured("the id " + id + " cannot be used in a URL path");
        }
        return id;
    }

    /** OneBot ids are numbers where they fit, text otherwise. */
    static void number(ObjectNode body, String field, String id) {
        if (id.matches("\\d{1,18}")) {
            body.put(field, Long.parseLong(id));
        } else {
            body.put(field, id);
        }
    }

    /** An idempotency key as Feishu takes it: at most 50 characters. */
    static String feishuUuid(String key) {
        return key.length() > 50 ? key.substring(0, 50) : key;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The call cannot be attempted here: credentials or a host missing, or an id unusable in a URL. */
    static final class NotConfigured extends RuntimeException {
        NotConfigured(String message) {
            super(message, null, false, false);
        }
    }
}
