package io.qunguan.platforms.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qunguan.events.EventJson;
import io.qunguan.events.Platform;
import io.qunguan.platforms.outbound.PlatformAppClient.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Sends {@link DirectMessage}s with each platform's app: WeCom {@code message/send}, DingTalk
 * {@code corpconversation/asyncsend_v2}, Feishu {@code im/v1/messages} to a user, Slack {@code chat.postMessage} to
 * the user's id, OneBot {@code send_private_msg}. One attempt per call; the caller retries from the outcome.
 *
 * <p>A lost answer is retried only where the platform drops a repeat: WeCom with its duplicate check (the same
 * request within four hours), DingTalk (the same content to the same person within a day), Feishu by {@code uuid}
 * (an hour); Slack and OneBot have no such key, so a lost answer there is {@code UNCERTAIN} and not repeated. Each
 * person's published limit is kept in this instance (sliding windows).
 */
public class DirectMessenger {

    /** The longest a message waits in a thread for the person's turn. */
    static final Duration WAIT = Duration.ofSeconds(5);
    static final int WECOM_TEXT_BYTES = 2048;
    /** WeCom's duplicate check covers at most four hours. */
    static final int WECOM_DUPLICATE_CHECK_SECONDS = 4 * 3600;
    private static final Set<Integer> WECOM_THROTTLED = Set.of(45009, 45033);
    private static final Set<Integer> DINGTALK_THROTTLED = Set.of(90018, 130101);

    private final PlatformAppClient client;
    private final Clock clock;
    private final SendWindows windows = SendWindows.directMessages();

    public DirectMessenger(PlatformAppClient client) {
        this.client = client;
        this.clock = client.clock();
    }

    /**
     * Whether the platform drops a repeat of a message (WeCom's duplicate check, DingTalk's once-a-day rule, Feishu's
     * uuid), so that one whose answer was lost may be sent again without the person seeing it twice.
     */
    public static boolean dropsRepeats(Platform platform) {
        return switch (platform) {
            case WECOM, DINGTALK, FEISHU -> true;
            case SLACK, ONEBOT, GENERIC -> false;
        };
    }

    /** Sends {@code message} once. */
    public ActionOutcome send(DirectMessage message) {
        if (message.platform() == Platform.GENERIC) {
            return ActionOutcome.notOffered("the generic webhook's bridges take no messages from Qunguan");
        }
        Optional<String> later = windows.awaitTurn(message.platform(), message.userId(), clock, WAIT);
        if (later.isPresent()) {
            return ActionOutcome.unavailable("the person's turn: " + later.get(), WAIT);
        }
        return client.attempt(dropsRepeats(message.platform()), () -> switch (message.platform()) {
            case WECOM -> wecom(message);
            case DINGTALK -> dingtalk(message);
            case FEISHU -> feishu(message);
            case SLACK -> slack(message);
            case ONEBOT -> onebot(message);
            case GENERIC -> ActionOutcome.notOffered("the generic webhook has no messages API");
        });
    }

    private ActionOutcome wecom(DirectMessage message) throws IOException, InterruptedException {
        int bytes = message.text().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > WECOM_TEXT_BYTES) {
            return ActionOutcome.refused("WeCom app messages take at most " + WECOM_TEXT_BYTES + " bytes; this one has "
                    + bytes);
        }
        String agentId = PlatformAppClient.credential(client.credentials().wecomAgentId(), "wecom.agent-id");
        String type = message.markdown() ? "markdown" : "text";
        ObjectNode body = EventJson.MAPPER.createObjectNode().put("touser", message.userId()).put("msgtype", type)
                .put("agentid", Long.parseLong(agentId))
                // the same request within the interval is dropped: a retry after a lost answer is not shown twice
                .put("enable_duplicate_check", 1).put("duplicate_check_interval", WECOM_DUPLICATE_CHECK_SECONDS);
        body.putObject(type).put("content", message.text());
        Reply reply = client.weCom("/cgi-bin/message/send", body);
        ActionOutcome outcome = PlatformAppClient.errcodeOutcome(reply, WECOM_THROTTLED);
        // errcode 0 names the recipients WeCom did not know, or who lack a licence, instead of failing
        for (String field : new String[] {"invaliduser", "unlicenseduser"}) {
            String refused = reply.json().path(field).asText("");
            if (outcome.status() == ActionOutcome.Status.DONE && !refused.isEmpty()) {
                return ActionOutcome.refused(field + " " + refused);
            }
        }
        return outcome;
    }

    private ActionOutcome dingtalk(DirectMessage message) throws IOException, InterruptedException {
        String agentId = PlatformAppClient.credential(client.credentials().dingtalkAgentId(), "dingtalk.agent-id");
        ObjectNode body = EventJson.MAPPER.createObjectNode().put("agent_id", Long.parseLong(agentId))
                .put("userid_list", message.userId());
        ObjectNode msg = body.putObject("msg");
        if (message.markdown()) {
            msg.put("msgtype", "markdown").putObject("markdown").put("title", RobotMessenger.title(message.text()))
                    .put("text", message.text());
        } else {
            msg.put("msgtype", "text").putObject("text").put("content", message.text());
        }
        return PlatformAppClient.errcodeOutcome(client.dingTalk("/topapi/message/corpconversation/asyncsend_v2", body),
                DINGTALK_THROTTLED);
    }

    private ActionOutcome feishu(DirectMessage message) throws IOException, InterruptedException {
        String idType = message.userId().startsWith("ou_") ? "open_id" : "user_id";
        ObjectNode body = EventJson.MAPPER.createObjectNode().put("receive_id", message.userId());
        if (message.markdown()) {
            ObjectNode card = EventJson.MAPPER.createObjectNode();
            card.putArray("elements").addObject().put("tag", "markdown").put("content", message.text());
            body.put("msg_type", "interactive").put("content", card.toString());
        } else {
            body.put("msg_type", "text")
                    .put("content", EventJson.MAPPER.createObjectNode().put("text", message.text()).toString());
        }
        body.put("uuid", PlatformAppClient.feishuUuid(message.key()));
        return PlatformAppClient.feishuOutcome(client.feishu("POST",
                "/open-apis/im/v1/messages?receive_id_type=" + idType, body));
    }

    private ActionOutcome slack(DirectMessage message) throws IOException, InterruptedException {
        // a user id as the channel posts in the person's conversation with the app
        ObjectNode body = EventJson.MAPPER.createObjectNode().put("channel", message.userId())
                .put("text", message.text()).put("mrkdwn", message.markdown());
        return PlatformAppClient.slackOutcome(client.slack("chat.postMessage", body));
    }

    private ActionOutcome onebot(DirectMessage message) throws IOException, InterruptedException {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        PlatformAppClient.number(body, "user_id", message.userId());
        body.putArray("message").addObject().put("type", "text").putObject("data").put("text", message.text());
        return PlatformAppClient.oneBotOutcome(client.oneBot("send_private_msg", body));
    }
}
