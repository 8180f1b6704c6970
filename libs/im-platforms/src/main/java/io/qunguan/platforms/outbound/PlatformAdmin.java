package io.qunguan.platforms.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qunguan.events.EventJson;
import io.qunguan.events.Platform;
import io.qunguan.platforms.outbound.AdminAction.Kind;
import io.qunguan.platforms.outbound.PlatformAppClient.Reply;
import io.qunguan.platforms.outbound.PlatformCapabilities.Support;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out admin actions with each platform's app API: WeCom {@code appchat}, DingTalk scene groups and robot
 * messages, Feishu {@code im/v1}, Slack {@code conversations.*} and {@code chat.postMessage}, OneBot's group
 * actions, through a {@link PlatformAppClient} (configured hosts only, cached app tokens). Ids that would land in a
 * URL path must be plain tokens. An action the platform does not offer, or that lacks credentials, comes back
 * {@code NOT_OFFERED} for a person to do.
 */
public class PlatformAdmin {

    /** The longest a post waits in a thread for its chat's turn. */
    static final Duration POST_WAIT = Duration.ofSeconds(5);
    private static final Set<Integer> WECOM_THROTTLED = Set.of(45009);
    private static final Set<Integer> DINGTALK_THROTTLED = Set.of(90018, 130101);

    private final PlatformAppClient client;
    private final Clock clock;
    private final SendWindows postWindows = SendWindows.appPosts();

    public PlatformAdmin(PlatformAppClient client) {
        this.client = client;
        this.clock = client.clock();
    }

    /** With a client of its own: {@code credentials} are the default app of each platform. */
    public PlatformAdmin(PlatformHosts hosts, AppCredentials credentials, Duration timeout, Clock clock) {
        this(new PlatformAppClient(hosts, credentials, timeout, clock));
    }

    /** Whether a post whose answer was lost may be made again without the chat seeing it twice (Feishu's uuid). */
    public static boolean postsDropRepeats(Platform platform) {
        return platform == Platform.FEISHU;
    }

    /**
     * Whether doing {@code kind} again changes nothing: removing, muting, recalling, renaming and dismissing again
     * do not, and a Feishu post carries its uuid; any other post whose answer is lost is not repeated.
     */
    public static boolean repeatable(Kind kind, Platform platform) {
        return kind != Kind.POST_MESSAGE || postsDropRepeats(platform);
    }

    /** Does {@code action}, once; the caller decides about later attempts from the outcome. */
    public ActionOutcome carryOut(AdminAction action) {
        PlatformCapabilities.Capability capability = PlatformCapabilities.of(action.platform(), action.kind());
        if (capability.support() == Support.OWNER_TASK) {
            return ActionOutcome.notOffered(capability.how());
        }
        if (action.kind() == Kind.POST_MESSAGE) {
            // posts keep the chat's published limit; a turn further off than a short wait is taken up later
            Optional<String> later = postWindows.awaitTurn(action.platform(), action.chatId(), clock, POST_WAIT);
            if (later.isPresent()) {
                return ActionOutcome.unavailable("the chat's turn: " + later.get(), POST_WAIT);
            }
        }
        return client.attempt(repeatable(action.kind(), action.platform()), () -> switch (action.platform()) {
            case WECOM -> wecom(action);
            case DINGTALK -> dingtalk(action);
            case FEISHU -> feishu(action);
            case SLACK -> slack(action);
            case ONEBOT -> onebot(action);
            case GENERIC -> ActionOutcome.notOffered("the generic webhook has no admin API");
        });
    }

    // --- WeCom: appchat, for chats the app created -------------------------------------------------------------

    private ActionOutcome wecom(AdminAction action) throws IOException, InterruptedException {
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
        return PlatformAppClient.errcodeOutcome(client.weCom(path, body), WECOM_THROTTLED);
    }

    // --- DingTalk: scene groups (oapi) and the newer OpenAPI -----------------------------------------------------

    private ActionOutcome dingtalk(AdminAction action) throws IOException, InterruptedException {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        switch (action.kind()) {
            case POST_MESSAGE -> body
                    .put("robotCode", PlatformAppClient.credential(client.credentials().dingtalkRobotCode(),
                            "dingtalk.robot-code"))
                    .put("openConversationId", action.chatId()).put("msgKey", "sampleText")
                    .put("msgParam", EventJson.MAPPER.createObjectNode().put("content", action.text()).toString());
            case MUTE_MEMBER -> body.put("openConversationId", action.chatId()).put("muteStatus", 1)
                    .put("muteDuration", action.muteFor().toMillis()).putArray("userIdList").add(action.userId());
            case UNMUTE_MEMBER -> body.put("openConversationId", action.chatId()).put("muteStatus", 0)
                    .putArray("userIdList").add(action.userId());
            case REMOVE_MEMBER -> body.put("open_conversation_id", action.chatId()).put("user_ids", action.userId());
            default -> body.put("open_conversation_id", action.chatId()).put("title", action.text());
        }
        return switch (action.kind()) {
            case REMOVE_MEMBER -> PlatformAppClient.errcodeOutcome(
                    client.dingTalk("/topapi/im/chat/scenegroup/member/delete", body), DINGTALK_THROTTLED);
            case RENAME_CHAT -> PlatformAppClient.errcodeOutcome(
                    client.dingTalk("/topapi/im/chat/scenegroup/update", body), DINGTALK_THROTTLED);
            case POST_MESSAGE -> PlatformAppClient.openApiOutcome(
                    client.dingTalkOpenApi("/v1.0/robot/groupMessages/send", body));
            default -> PlatformAppClient.openApiOutcome(
                    client.dingTalkOpenApi("/v1.0/im/sceneGroups/muteMembers/set", body));
        };
    }

    // --- Feishu / Lark: im/v1 with a tenant_access_token ----------------------------------------------------------

    private ActionOutcome feishu(AdminAction action) throws IOException, InterruptedException {
        String chat = "/open-apis/im/v1/chats/" + PlatformAppClient.pathSegment(action.chatId());
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        Reply reply = switch (action.kind()) {
            case POST_MESSAGE -> {
                String mention = action.userId() == null ? "" : "<at user_id=\"" + action.userId() + "\"></at> ";
                body.put("receive_id", action.chatId()).put("msg_type", "text")
                        .put("content", EventJson.MAPPER.createObjectNode().put("text", mention + action.text()).toString())
                        // Feishu drops a repeat of the same uuid within an hour: a retry never posts twice
                        .put("uuid", PlatformAppClient.feishuUuid(action.key()));
                yield client.feishu("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", body);
            }
            case REMOVE_MEMBER -> {
                body.putArray("id_list").add(action.userId());
                String idType = action.userId().startsWith("ou_") ? "open_id" : "user_id";
                yield client.feishu("DELETE", chat + "/members?member_id_type=" + idType, body);
            }
            case RECALL_MESSAGE -> client.feishu("DELETE", "/open-apis/im/v1/messages/"
                    + PlatformAppClient.pathSegment(action.messageId()), null);
            case RENAME_CHAT -> client.feishu("PUT", chat, body.put("name", action.text()));
            default -> client.feishu("DELETE", chat, null);
        };
        return PlatformAppClient.feishuOutcome(reply);
    }

    // --- Slack: Web API with the bot token ------------------------------------------------------------------------

    private ActionOutcome slack(AdminAction action) throws IOException, InterruptedException {
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
        return PlatformAppClient.slackOutcome(client.slack(method, body));
    }

    // --- OneBot v11 bridges: group actions over HTTP --------------------------------------------------------------

    private ActionOutcome onebot(AdminAction action) throws IOException, InterruptedException {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        if (action.kind() != Kind.RECALL_MESSAGE) {
            PlatformAppClient.number(body, "group_id", action.chatId());
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
                PlatformAppClient.number(body, "user_id", action.userId());
                body.put("reject_add_request", false);
                yield "set_group_kick";
            }
            case MUTE_MEMBER -> {
                PlatformAppClient.number(body, "user_id", action.userId());
                body.put("duration", action.muteFor().toSeconds());
                yield "set_group_ban";
            }
            case UNMUTE_MEMBER -> {
                PlatformAppClient.number(body, "user_id", action.userId());
                body.put("duration", 0);
                yield "set_group_ban";
            }
            case RECALL_MESSAGE -> {
                PlatformAppClient.number(body, "message_id", action.messageId());
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
        return PlatformAppClient.oneBotOutcome(client.oneBot(name, body));
    }
}
