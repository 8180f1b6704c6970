package io.qunguan.group.platform.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qunguan.events.EventJson;
import io.qunguan.group.config.DingTalkConfig;
import io.qunguan.group.config.FeishuConfig;
import io.qunguan.group.config.OneBotConfig;
import io.qunguan.group.config.OutboundConfig;
import io.qunguan.group.config.PlatformApps;
import io.qunguan.group.config.SlackConfig;
import io.qunguan.group.config.WeComConfig;
import io.qunguan.group.platform.outbound.AdminAction.Kind;
import io.qunguan.group.platform.outbound.PlatformCapabilities.Support;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Carries out admin actions with each platform's app API: WeCom {@code appchat}, DingTalk scene groups and robot
 * messages, Feishu {@code im/v1}, Slack {@code conversations.*} and {@code chat.postMessage}, OneBot's group
 * actions. Calls go only to the configured platform hosts ({@link OutboundConfig}); ids that would land in a URL path
 * must be plain tokens. App access tokens are cached and refreshed single-flight ({@link AccessTokens}); a token the
 * platform calls invalid is fetched again once. The default app of each platform acts; an action the platform does not
 * offer, or that lacks credentials, comes back {@code NOT_OFFERED} for a person to do.
 */
@ApplicationScoped
public class PlatformAdmin {

    /** A token is renewed this long before it expires (Feishu hands out a new one in its last 30 minutes). */
    static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);
    /** The longest a post waits in a thread for its chat's turn. */
    static final Duration POST_WAIT = Duration.ofSeconds(5);
    private static final Pattern PATH_SAFE = Pattern.compile("[A-Za-z0-9._~-]{1,256}");
    /** WeCom's and DingTalk's older API share these: invalid credential, invalid token, token expired. */
    private static final Set<Integer> ERRCODE_TOKEN_INVALID = Set.of(40001, 40014, 42001);
    private static final Set<Integer> FEISHU_TOKEN_INVALID = Set.of(99991661, 99991663, 99991668);
    private static final Set<Integer> DINGTALK_THROTTLED = Set.of(90018, 130101);
    private static final Set<Integer> FEISHU_THROTTLED = Set.of(11232, 99991400);

    private final Map<String, URI> hosts;
    private final Map<String, String> credentials;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final AccessTokens tokens;
    private final SendWindows postWindows = SendWindows.appPosts();

    @Inject
    public PlatformAdmin(OutboundConfig outbound, WeComConfig wecom, DingTalkConfig dingtalk, FeishuConfig feishu,
            SlackConfig slack, OneBotConfig onebot) {
        this(RobotMessenger.hosts(outbound), credentials(wecom, dingtalk, feishu, slack, onebot), outbound.timeout(),
                Clock.systemUTC());
    }

    /**
     * @param hosts       base URLs by {@code wecom}, {@code dingtalk}, {@code dingtalk-api}, {@code feishu},
     *                    {@code slack}, {@code onebot}: the only hosts ever called
     * @param credentials by {@code <platform>.<key>}, e.g. {@code feishu.app-secret}; a missing key makes the
     *                    actions needing it {@code NOT_OFFERED}
     */
    public PlatformAdmin(Map<String, URI> hosts, Map<String, String> credentials, Duration timeout, Clock clock) {
        this.hosts = Map.copyOf(hosts);
        this.credentials = Map.copyOf(credentials);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.clock = clock;
        this.tokens = new AccessTokens(clock, TOKEN_MARGIN);
    }

    private static Map<String, String> credentials(WeComConfig wecom, DingTalkConfig dingtalk, FeishuConfig feishu,
            SlackConfig slack, OneBotConfig onebot) {
        Map<String, String> values = new HashMap<>();
        put(values, wecom.apps(), "wecom", Map.of("corp-id", WeComConfig.App::corpId,
                "corp-secret", WeComConfig.App::corpSecret));
        put(values, dingtalk.apps(), "dingtalk", Map.of("app-key", DingTalkConfig.App::appKey,
                "app-secret", DingTalkConfig.App::appSecret, "robot-code", DingTalkConfig.App::robotCode));
        put(values, feishu.apps(), "feishu", Map.of("app-id", FeishuConfig.App::appId,
                "app-secret", FeishuConfig.App::appSecret));
        put(values, slack.apps(), "slack", Map.of("bot-token", SlackConfig.App::botToken));
        put(values, onebot.bridges(), "onebot", Map.of("api-token", OneBotConfig.Bridge::apiToken));
        return values;
    }

    private static <A> void put(Map<String, String> values, Map<String, A> apps, String platform,
            Map<String, Function<A, Optional<String>>> keys) {
        A app = apps.get(PlatformApps.DEFAULT);
        if (app != null) {
            keys.forEach((name, key) -> key.apply(app).ifPresent(value -> values.put(platform + "." + name, value)));
        }
    }

    /** Does {@code action}, once; the caller decides about later attempts from the outcome. */
    public ActionOutcome carryOut(AdminAction action) {
        PlatformCapabilities.Capability capability = PlatformCapabilities.of(action.platform(), action.kind());
        if (capability.support() == Support.OWNER_TASK) {
            return ActionOutcome.notOffered(capability.how());
        }
        if (action.kind() == Kind.POST_MESSAGE) {
            // posts keep the chat's published limit; a turn further off than a short wait is taken up later
            Optional<Instant> turn = postWindows.reserve(action.platform(), action.chatId(), clock.instant(), POST_WAIT);
            if (turn.isEmpty()) {
                return ActionOutcome.unavailable("the chat's send limit is reached", POST_WAIT);
            }
            long wait = Duration.between(clock.instant(), turn.get()).toMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ActionOutcome.unavailable("interrupted", null);
                }
            }
        }
        try {
            return switch (action.platform()) {
                case "wecom" -> wecom(action);
                case "dingtalk" -> dingtalk(action);
                case "feishu" -> feishu(action);
                case "slack" -> slack(action);
                default -> onebot(action);
            };
        } catch (NotConfigured e) {
            return ActionOutcome.notOffered(e.getMessage());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            // nothing reached the platform
            return ActionOutcome.unavailable("unreachable: " + e.getClass().getSimpleName(), null);
        } catch (IOException e) {
            // the request may have been done: removing, muting, renaming or dismissing again changes nothing, and a
            // Feishu post carries its uuid; any other post is not repeated
            boolean repeatable = action.kind() != Kind.POST_MESSAGE || action.platform().equals("feishu");
            return repeatable ? ActionOutcome.unavailable("no answer: " + e.getClass().getSimpleName(), null)
                    : new ActionOutcome(ActionOutcome.Status.UNCERTAIN, "no answer: " + e.getClass().getSimpleName(),
                            null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionOutcome.unavailable("interrupted", null);
        }
    }

    // --- WeCom: appchat, for chats the app created -------------------------------------------------------------

    private ActionOutcome wecom(AdminAction action) throws IOException, InterruptedException {
        String base = host("wecom");
        AccessTokens.Source fetch = errcodeToken(URI.create(base + "/cgi-bin/gettoken?corpid="
                + encode(credential("wecom.corp-id")) + "&corpsecret=" + encode(credential("wecom.corp-secret"))));
        ObjectNode body = EventJson.MAPPER.createObjectNode().put("chatid", action.chatId());
        String path = switch (action.kind()) {
            case POST_MESSAGE -> {
                body.put("msgtype", "text").putObject("text").put("content", action.text());
                yield "/cgi-bin/appchat/send";
            }
            case REMOVE_MEMBER -> {
                body.putArray("del_user_list").add(action.userId());
                yield "/cgi-bin/appchat/update";
            }
            default -> {
                body.put("name", action.text());
                yield "/cgi-bin/appchat/update";
            }
        };
        Reply reply = withToken("wecom", fetch, answer -> ERRCODE_TOKEN_INVALID.contains(errcode(answer)),
                token -> send("POST", URI.create(base + path + "?access_token=" + encode(token)), Map.of(), body));
        return errcode(reply, Set.of(45009));
    }

    // --- DingTalk: scene groups (oapi) and the newer OpenAPI -----------------------------------------------------

    private ActionOutcome dingtalk(AdminAction action) throws IOException, InterruptedException {
        String base = host("dingtalk");
        AccessTokens.Source fetch = errcodeToken(URI.create(base + "/gettoken?appkey="
                + encode(credential("dingtalk.app-key")) + "&appsecret=" + encode(credential("dingtalk.app-secret"))));
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        switch (action.kind()) {
            case POST_MESSAGE -> body.put("robotCode", credential("dingtalk.robot-code"))
                    .put("openConversationId", action.chatId()).put("msgKey", "sampleText")
                    .put("msgParam", EventJson.MAPPER.createObjectNode().put("content", action.text()).toString());
            case MUTE_MEMBER -> body.put("openConversationId", action.chatId()).put("muteStatus", 1)
                    .put("muteDuration", action.muteFor().toMillis()).putArray("userIdList").add(action.userId());
            case REMOVE_MEMBER -> body.put("open_conversation_id", action.chatId()).put("user_ids", action.userId());
            default -> body.put("open_conversation_id", action.chatId()).put("title", action.text());
        }
        if (action.kind() == Kind.REMOVE_MEMBER || action.kind() == Kind.RENAME_CHAT) {
            String path = action.kind() == Kind.REMOVE_MEMBER ? "/topapi/im/chat/scenegroup/member/delete"
                    : "/topapi/im/chat/scenegroup/update";
            Reply reply = withToken("dingtalk", fetch, answer -> ERRCODE_TOKEN_INVALID.contains(errcode(answer)),
                    token -> send("POST", URI.create(base + path + "?access_token=" + encode(token)), Map.of(), body));
            return errcode(reply, DINGTALK_THROTTLED);
        }
        // the newer OpenAPI answers with HTTP statuses and a textual code instead of errcode
        String path = action.kind() == Kind.POST_MESSAGE ? "/v1.0/robot/groupMessages/send"
                : "/v1.0/im/sceneGroups/muteMembers/set";
        Reply reply = withToken("dingtalk", fetch, answer -> answer.status() == 401
                        || "InvalidAuthentication".equals(answer.json().path("code").asText()),
                token -> send("POST", URI.create(host("dingtalk-api") + path),
                        Map.of("x-acs-dingtalk-access-token", token), body));
        if (reply.status() == 429 || reply.status() >= 500) {
            return ActionOutcome.unavailable("HTTP " + reply.status(), reply.retryAfter());
        }
        return reply.status() / 100 == 2 ? ActionOutcome.done() : ActionOutcome.refused("HTTP " + reply.status()
                + " " + reply.json().path("code").asText() + " " + reply.json().path("message").asText());
    }

    // --- Feishu / Lark: im/v1 with a tenant_access_token ----------------------------------------------------------

    private ActionOutcome feishu(AdminAction action) throws IOException, InterruptedException {
        String base = host("feishu");
        ObjectNode credentials = EventJson.MAPPER.createObjectNode().put("app_id", credential("feishu.app-id"))
                .put("app_secret", credential("feishu.app-secret"));
        AccessTokens.Source fetch = () -> {
            Reply reply = send("POST", URI.create(base + "/open-apis/auth/v3/tenant_access_token/internal"), Map.of(),
                    credentials);
            if (reply.json().path("code").asInt(-1) != 0) {
                throw new NotConfigured("Feishu refused the app credentials: " + reply.json().path("code").asInt(-1)
                        + " " + reply.json().path("msg").asText());
            }
            return token(reply.json(), "tenant_access_token", "expire");
        };
        String chat = base + "/open-apis/im/v1/chats/" + pathSegment(action.chatId());
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        Request request = switch (action.kind()) {
            case POST_MESSAGE -> {
                String mention = action.userId() == null ? "" : "<at user_id=\"" + action.userId() + "\"></at> ";
                body.put("receive_id", action.chatId()).put("msg_type", "text")
                        .put("content", EventJson.MAPPER.createObjectNode().put("text", mention + action.text()).toString())
                        // Feishu drops a repeat of the same uuid within an hour: a retry never posts twice
                        .put("uuid", action.key().length() > 50 ? action.key().substring(0, 50) : action.key());
                yield new Request("POST", URI.create(base + "/open-apis/im/v1/messages?receive_id_type=chat_id"), body);
            }
            case REMOVE_MEMBER -> {
                body.putArray("id_list").add(action.userId());
                String idType = action.userId().startsWith("ou_") ? "open_id" : "user_id";
                yield new Request("DELETE", URI.create(chat + "/members?member_id_type=" + idType), body);
            }
            case RECALL_MESSAGE -> new Request("DELETE", URI.create(base + "/open-apis/im/v1/messages/"
                    + pathSegment(action.messageId())), null);
            case RENAME_CHAT -> new Request("PUT", URI.create(chat), body.put("name", action.text()));
            default -> new Request("DELETE", URI.create(chat), null);
        };
        Reply reply = withToken("feishu", fetch,
                answer -> FEISHU_TOKEN_INVALID.contains(answer.json().path("code").asInt(-1)),
                token -> send(request.method(), request.uri(), bearer(token), request.body()));
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

    // --- Slack: Web API with the bot token ------------------------------------------------------------------------

    private ActionOutcome slack(AdminAction action) throws IOException, InterruptedException {
        String token = credential("slack.bot-token");
        ObjectNode body = EventJson.MAPPER.createObjectNode().put("channel", action.chatId());
        String method = switch (action.kind()) {
            case POST_MESSAGE -> {
                body.put("text", (action.userId() == null ? "" : "<@" + action.userId() + "> ") + action.text());
                yield "chat.postMessage";
            }
            case REMOVE_MEMBER -> {
                body.put("user", action.userId());
                yield "conversations.kick";
            }
            case RENAME_CHAT -> {
                body.put("name", action.text());
                yield "conversations.rename";
            }
            default -> "conversations.archive";
        };
        Reply reply = send("POST", URI.create(host("slack") + "/api/" + method), bearer(token), body);
        if (reply.status() == 429 || "ratelimited".equals(reply.json().path("error").asText())) {
            return ActionOutcome.unavailable("ratelimited", reply.retryAfter());
        }
        if (reply.status() >= 500) {
            return ActionOutcome.unavailable("HTTP " + reply.status(), reply.retryAfter());
        }
        return reply.json().path("ok").asBoolean(false) ? ActionOutcome.done()
                : ActionOutcome.refused(reply.json().path("error").asText("HTTP " + reply.status()));
    }

    // --- OneBot v11 bridges: group actions over HTTP --------------------------------------------------------------

    private ActionOutcome onebot(AdminAction action) throws IOException, InterruptedException {
        String base = host("onebot");
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        if (action.kind() != Kind.RECALL_MESSAGE) {
            number(body, "group_id", action.chatId());
        }
        String name = switch (action.kind()) {
            case POST_MESSAGE -> {
                var segments = body.putArray("message");
                if (action.userId() != null) {
                    segments.addObject().put("type", "at").putObject("data").put("qq", action.userId());
                    segments.addObject().put("type", "text").putObject("data").put("text", " ");
                }
                segments.addObject().put("type", "text").putObject("data").put("text", action.text());
                yield "send_group_msg";
            }
            case REMOVE_MEMBER -> {
                number(body, "user_id", action.userId());
                body.put("reject_add_request", false);
                yield "set_group_kick";
            }
            case MUTE_MEMBER -> {
                number(body, "user_id", action.userId());
                body.put("duration", action.muteFor().toSeconds());
                yield "set_group_ban";
            }
            case RECALL_MESSAGE -> {
                number(body, "message_id", action.messageId());
                yield "delete_msg";
            }
            case RENAME_CHAT -> {
                body.put("group_name", action.text());
                yield "set_group_name";
            }
            case DISMISS_CHAT -> {
                body.put("is_dismiss", true);
                yield "set_group_leave";
            }
        };
        String apiToken = credentials.get("onebot.api-token");
        Reply reply = send("POST", URI.create(base + "/" + name), apiToken == null ? Map.of() : bearer(apiToken), body);
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

    private record Request(String method, URI uri, ObjectNode body) {
    }

    private record Reply(int status, JsonNode json, Duration retryAfter) {
    }

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
    private Reply withToken(String app, AccessTokens.Source fetch, Predicate<Reply> tokenInvalid, TokenCall call)
            throws IOException, InterruptedException {
        String token = tokens.get(app, fetch);
        Reply reply = call.with(token);
        if (tokenInvalid.test(reply)) {
            tokens.invalidate(app, token);
            reply = call.with(tokens.get(app, fetch));
        }
        return reply;
    }

    private static int errcode(Reply reply) {
        return reply.json().path("errcode").asInt(-1);
    }

    /** WeCom's and DingTalk's older API: {@code errcode} 0 is done, a throttle code or a 5xx is for later. */
    private static ActionOutcome errcode(Reply reply, Set<Integer> throttled) {
        int code = errcode(reply);
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

    /** The {@code gettoken} of WeCom and DingTalk: {@code access_token} and {@code expires_in}, errcode 0. */
    private AccessTokens.Source errcodeToken(URI uri) {
        return () -> {
            Reply reply = send("GET", uri, Map.of(), null);
            if (errcode(reply) != 0) {
                throw new NotConfigured("the platform refused the app credentials: " + errcode(reply) + " "
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

    private String host(String key) {
        URI host = hosts.get(key);
        if (host == null) {
            throw new NotConfigured("no " + key + " API is configured");
        }
        return host.toString().replaceAll("/+$", "");
    }

    private String credential(String key) {
        String value = credentials.get(key);
        if (value == null || value.isBlank()) {
            throw new NotConfigured("qunguan.platforms." + key + " is not configured");
        }
        return value;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static String pathSegment(String id) {
        if (!PATH_SAFE.matcher(id).matches()) {
            throw new NotConfigured("the id " + id + " cannot be used in a URL path");
        }
        return id;
    }

    private static void number(ObjectNode body, String field, String id) {
        if (id.matches("\\d{1,18}")) {
            body.put(field, Long.parseLong(id));
        } else {
            body.put(field, id);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The action cannot be attempted here: credentials or a host missing, or an id unusable in a URL. */
    private static final class NotConfigured extends RuntimeException {
        NotConfigured(String message) {
            super(message, null, false, false);
        }
    }
}
