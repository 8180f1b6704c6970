package io.qunguan.platforms.wecom;

import io.qunguan.events.ChatCreated;
import io.qunguan.events.ChatDismissed;
import io.qunguan.events.ChatRenamed;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MemberLeft;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Platform;
import io.qunguan.platforms.Delivery;
import io.qunguan.platforms.PlatformTimes;
import io.qunguan.platforms.WebhookRejectedException;
import io.qunguan.platforms.WebhookTimestamps;
import io.qunguan.platforms.crypto.HardenedXml;
import io.qunguan.platforms.crypto.WxBizMsgCipher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WeCom (企业微信) callback mode: the URL check and the encrypted XML callbacks of a self-built app.
 * Messages members send to the app become {@link MessagePosted} in the app's conversation with that member;
 * 客户群 events ({@code change_external_chat}) become chat and membership events. Everything else is
 * acknowledged and stored raw.
 *
 * <p>An app callback does not carry the members' messages in internal group chats; WeCom hands those out only
 * through 会话内容存档 (the paid message archive, a native pull SDK), which Qunguan does not read yet.
 */
public class WeComCallback {

    private static final Platform PLATFORM = Platform.WECOM;
    /** Stands for the operator of a removal WeCom reports without naming who did it. */
    public static final String REMOVED_BY_OWNER_OR_ADMIN = "wecom:owner-or-admin";

    private final Map<String, WeComApp> apps;
    private final Map<String, List<WxBizMsgCipher>> ciphers = new LinkedHashMap<>();
    private final Clock clock;

    /** @param apps the configured apps by the name in their callback path ({@code default} for none) */
    public WeComCallback(Map<String, WeComApp> apps, Clock clock) {
        this.apps = Map.copyOf(apps);
        this.clock = clock;
        apps.forEach((name, app) -> ciphers.put(name, WxBizMsgCipher.withRotation(app.token(), app.encodingAesKey(),
                app.previousToken(), app.previousEncodingAesKey(), app.corpId())));
    }

    /**
     * The URL check WeCom makes when the callback URL is saved: returns the decrypted {@code echostr}, which
     * must be the whole response body.
     */
    public String verifyUrl(String app, String signature, String timestamp, String nonce, String echostr) {
        WeComApp config = app(app);
        WebhookTimestamps.requireWithin(timestamp, config.replayWindow(), clock);
        return open(app, signature, timestamp, nonce, echostr);
    }

    /** Verifies and decrypts a callback and normalises what it carries. */
    public Delivery receive(String app, String signature, String timestamp, String nonce, byte[] body) {
        WeComApp config = app(app);
        WebhookTimestamps.requireWithin(timestamp, config.replayWindow(), clock);
        HardenedXml envelope = HardenedXml.parse(new String(body, StandardCharsets.UTF_8));
        String encrypted = envelope.text("Encrypt")
                .orElseThrow(() -> WebhookRejectedException.badRequest("missing field: Encrypt"));
        String plaintext = open(app, signature, timestamp, nonce, encrypted);
        return normalise(config.corpId(), plaintext);
    }

    private WeComApp app(String app) {
        WeComApp config = apps.get(app);
        if (config == null) {
            // an unknown app is answered like a bad signature: the answers name no app that exists (finding 8)
            throw WebhookRejectedException.unauthorized();
        }
        return config;
    }

    /** Signature first: nothing unsigned is ever decrypted. Every failure is the same 401. */
    private String open(String app, String signature, String timestamp, String nonce, String encrypted) {
        return WxBizMsgCipher.open(ciphers.get(app), signature, timestamp, nonce, encrypted)
                .orElseThrow(WebhookRejectedException::unauthorized).plaintext();
    }
    static Delivery normalise(String corpId, String plaintext) {
        HardenedXml xml = HardenedXml.parse(plaintext);
        String msgType = xml.text("MsgType").orElseThrow(() -> WebhookRejectedException.badRequest("missing field: MsgType"));
        if (msgType.equals("event")) {
            String event = xml.text("Event").orElse("");
            if (event.equals("change_external_chat")) {
                return externalChat(corpId, xml, plaintext);
            }
            String key = xml.text("FromUserName").orElse("") + "|" + xml.text("CreateTime").orElse("") + "|" + event;
            return Delivery.unrecognised(PLATFORM, corpId, key, "event:" + event, plaintext);
        }
        MessageKind kind = switch (msgType) {
            case "text" -> MessageKind.TEXT;
            case "image" -> MessageKind.IMAGE;
            case "voice" -> MessageKind.VOICE;
            case "file" -> MessageKind.FILE;
            case "link" -> MessageKind.LINK;
            case "video", "location" -> MessageKind.OTHER;
            default -> null;
        };
        String from = xml.text("FromUserName").orElseThrow(() -> WebhookRejectedException.badRequest(
                "missing field: FromUserName"));
        OffsetDateTime at = time(xml);
        String messageId = xml.text("MsgId").orElse(from + "|" + xml.text("CreateTime").orElse(""));
        if (kind == null) {
            return Delivery.unrecognised(PLATFORM, corpId, messageId, "message:" + msgType, plaintext);
        }
        // the app's conversation with one member: WeCom delivers nothing else to an app
        String chatId = "app-" + xml.text("AgentID").orElse("0") + "-" + from;
        String text = switch (kind) {
            case TEXT -> xml.text("Content").orElse("");
            case LINK -> String.join(" ", xml.text("Title").orElse(""), xml.text("Description").orElse(""),
                    xml.text("Url").orElse("")).trim();
            case FILE -> xml.text("FileName").orElse("");
            default -> "";
        };
        return Delivery.of(PLATFORM, corpId, messageId, "message:" + msgType)
                .add(at, new MessagePosted(PLATFORM.chatKey(chatId), PLATFORM, chatId, null, messageId, from, null,
                        kind, text, List.of(), at))
                .build();
    }

    /**
     * 客户群 changes. The event has no id of its own: chat, change, detail, time and member version together
     * identify it. A member change names several members; each becomes its own event.
     */
    private static Delivery externalChat(String corpId, HardenedXml xml, String plaintext) {
        String chatId = xml.text("ChatId").orElseThrow(() -> WebhookRejectedException.badRequest("missing field: ChatId"));
        String change = xml.text("ChangeType").orElse("");
        String detail = xml.text("UpdateDetail").orElse("");
        String key = String.join("|", chatId, change, detail, xml.text("CreateTime").orElse(""),
                xml.text("CurMemVer").orElse(""));
        String type = "change_external_chat:" + change + (detail.isEmpty() ? "" : ":" + detail);
        String groupId = PLATFORM.chatKey(chatId);
        OffsetDateTime at = time(xml);
        Delivery.Builder delivery = Delivery.of(PLATFORM, corpId, key, type);
        switch (change + ":" + detail) {
            case "create:" -> delivery.add(at, new ChatCreated(groupId, PLATFORM, chatId, null, null, at));
            case "dismiss:" -> delivery.add(at, new ChatDismissed(groupId, PLATFORM, chatId, null, at));
            case "update:change_name" -> delivery.add(at, new ChatRenamed(groupId, PLATFORM, chatId, null, null, at));
            case "update:add_member" -> xml.list("MemChangeList").forEach(member -> delivery.add(member, at,
                    new MemberJoined(groupId, PLATFORM, chatId, member, null, null, at)));
            case "update:del_member" -> {
                // QuitScene 1: removed by the owner or an admin, whom the event does not name
                String removedBy = xml.text("QuitScene").orElse("0").equals("1") ? REMOVED_BY_OWNER_OR_ADMIN : null;
                xml.list("MemChangeList").forEach(member -> delivery.add(member, at,
                        new MemberLeft(groupId, PLATFORM, chatId, member, removedBy, at)));
            }
            default -> {
                return Delivery.unrecognised(PLATFORM, corpId, key, type, plaintext);
            }
        }
        return delivery.build();
    }

    private static OffsetDateTime time(HardenedXml xml) {
        String createTime = xml.text("CreateTime").orElseThrow(() -> WebhookRejectedException.badRequest(
                "missing field: CreateTime"));
        try {
            return Instant.ofEpochSecond(Long.parseLong(createTime)).atOffset(PlatformTimes.CHINA);
        } catch (NumberFormatException | DateTimeException e) {
            throw WebhookRejectedException.badRequest("CreateTime must be epoch seconds");
        }
    }
}
