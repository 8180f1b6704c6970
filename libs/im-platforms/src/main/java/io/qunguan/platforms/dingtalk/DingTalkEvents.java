package io.qunguan.platforms.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.ChatDismissed;
import io.qunguan.events.ChatRenamed;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MemberLeft;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Platform;
import io.qunguan.platforms.Delivery;
import io.qunguan.platforms.PlatformJson;
import io.qunguan.platforms.PlatformTimes;
import io.qunguan.platforms.WebhookRejectedException;
import io.qunguan.platforms.WebhookTimestamps;
import io.qunguan.platforms.crypto.HmacSignatures;
import io.qunguan.platforms.crypto.WxBizMsgCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DingTalk (钉钉). Two ways in:
 * <ul>
 * <li>the HTTP event subscription: {@code {"encrypt": …}} under the WXBizMsgCrypt scheme, whose receiver id is
 * the owner key; every request, the {@code check_url} test included, is answered with {@code "success"}
 * encrypted and signed, within DingTalk's 1.5 s. Group-conversation events ({@code chat_add_member},
 * {@code chat_remove_member}, {@code chat_quit}, {@code chat_update_title}, {@code chat_disband}) are
 * normalised; the rest is stored raw;</li>
 * <li>the internal robot's message callback: headers {@code timestamp} (ms) and {@code sign} =
 * base64(HmacSHA256(AppSecret, timestamp + "\n" + AppSecret)). DingTalk hands a robot only the messages
 * that @mention it.</li>
 * </ul>
 * Chats are keyed by the open conversation id ({@code cid…}), which both ways share; an event that names only
 * the older {@code ChatId} is keyed by that.
 */
public class DingTalkEvents {

    private static final Platform PLATFORM = Platform.DINGTALK;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NONCE_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /**
     * What a verified event subscription request gets: the encrypted answer DingTalk expects, and the
     * delivery to publish before answering (null for the URL checks).
     */
    public record Received(Map<String, String> answer, Delivery delivery) {
    }

    private final Map<String, DingTalkSubscription> eventApps;
    private final Map<String, List<WxBizMsgCipher>> ciphers = new LinkedHashMap<>();
    private final Map<String, DingTalkRobot> robotApps;
    private final Map<String, List<byte[]>> robotSecrets = new LinkedHashMap<>();
    private final Clock clock;

    /**
     * @param subscriptions the event subscriptions by the app name in their path ({@code default} for none)
     * @param robots        the robots' message callbacks by the app name in their path
     */
    public DingTalkEvents(Map<String, DingTalkSubscription> subscriptions, Map<String, DingTalkRobot> robots,
            Clock clock) {
        this.eventApps = Map.copyOf(subscriptions);
        this.robotApps = Map.copyOf(robots);
        this.clock = clock;
        eventApps.forEach((name, app) -> ciphers.put(name, WxBizMsgCipher.withRotation(app.token(), app.aesKey(),
                app.previousToken(), app.previousAesKey(), app.ownerKey())));
        robotApps.forEach((name, app) -> {
            List<byte[]> secrets = new ArrayList<>();
            secrets.add(HmacSignatures.utf8(app.appSecret()));
            app.previousAppSecret().ifPresent(previous -> secrets.add(HmacSignatures.utf8(previous)));
            robotSecrets.put(name, List.copyOf(secrets));
        });
    }

    /** Verifies, decrypts and normalises an event subscription request; the answer is encrypted by the key that opened it. */
    public Received receiveEvent(String app, String signature, String timestamp, String nonce, byte[] body) {
        DingTalkSubscription config = eventApps.get(app);
        if (config == null) {
            // an unknown app is answered like a bad signature: the answers name no app that exists (finding 8)
            throw WebhookRejectedException.unauthorized();
        }
        WebhookTimestamps.requireWithinMillis(timestamp, config.replayWindow(), clock);
        String encrypted = PlatformJson.required(PlatformJson.object(body), "/encrypt");
        WxBizMsgCipher.Opened opened = WxBizMsgCipher.open(ciphers.get(app), signature, timestamp, nonce, encrypted)
                .orElseThrow(WebhookRejectedException::unauthorized);
        return received(opened.cipher(), config.ownerKey(), opened.plaintext());
    }

    private Received received(WxBizMsgCipher cipher, String ownerKey, String plaintext) {
        JsonNode event = PlatformJson.object(plaintext);
        String type = PlatformJson.required(event, "/EventType");
        return switch (type) {
            case "check_url" -> new Received(answer(cipher, "success"), null);
            // a third-party suite's URL checks want their Random back instead of "success"
            case "check_create_suite_url", "check_update_suite_url" ->
                    new Received(answer(cipher, PlatformJson.required(event, "/Random")), null);
            default -> new Received(answer(cipher, "success"), normalise(ownerKey, type, event, plaintext));
        };
    }

    /** The JSON DingTalk expects back: {@code text} encrypted, signed over a fresh timestamp and nonce. */
    Map<String, String> answer(WxBizMsgCipher cipher, String text) {
        String encrypt = cipher.encrypt(text);
        String timeStamp = Long.toString(clock.millis());
        StringBuilder nonce = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            nonce.append(NONCE_CHARACTERS.charAt(RANDOM.nextInt(NONCE_CHARACTERS.length())));
        }
        return Map.of("msg_signature", cipher.sign(timeStamp, nonce.toString(), encrypt), "encrypt", encrypt,
                "timeStamp", timeStamp, "nonce", nonce.toString());
    }

    static Delivery normalise(String ownerKey, String type, JsonNode event, String plaintext) {
        String tenant = Optional.ofNullable(field(event, "CorpId")).orElse(ownerKey);
        String chat = Optional.ofNullable(field(event, "OpenConversationId")).orElse(field(event, "ChatId"));
        if (chat == null || !type.startsWith("chat_")) {
            // no event id in HTTP push: a redelivery carries the same plaintext
            return Delivery.unrecognised(PLATFORM, tenant, type + ":" + Delivery.contentKey(plaintext), type, plaintext);
        }
        String operator = field(event, "Operator");
        String stamp = field(event, "TimeStamp");
        OffsetDateTime at = PlatformTimes.epochMillis(stamp)
                .orElseThrow(() -> WebhookRejectedException.badRequest("TimeStamp must be epoch milliseconds"));
        List<String> users = new ArrayList<>();
        for (JsonNode user : event.has("UserId") ? event.path("UserId") : event.path("userId")) {
            if (user.isTextual() && !user.asText().isBlank()) {
                users.add(user.asText());
            }
        }
        String key = type + ":" + chat + ":" + stamp + ":" + operator + ":" + String.join(",", users);
        Delivery.Builder delivery = Delivery.of(PLATFORM, tenant, key, type);
        String groupId = PLATFORM.chatKey(chat);
        switch (type) {
            case "chat_add_member" -> users.forEach(user -> delivery.add(user, at,
                    new MemberJoined(groupId, PLATFORM, chat, user, null, operator, at)));
            case "chat_remove_member" -> users.forEach(user -> delivery.add(user, at,
                    new MemberLeft(groupId, PLATFORM, chat, user, operator, at)));
            case "chat_quit" -> {
                // the one who quit is the operator; some pushes also list them under UserId
                List<String> leaving = users.isEmpty() && operator != null ? List.of(operator) : users;
                leaving.forEach(user -> delivery.add(user, at, new MemberLeft(groupId, PLATFORM, chat, user, null, at)));
            }
            case "chat_update_title" -> {
                String title = field(event, "Title");
                if (title == null) {
                    throw WebhookRejectedException.badRequest("missing field: Title");
                }
                delivery.add(at, new ChatRenamed(groupId, PLATFORM, chat, title, operator, at));
            }
            case "chat_disband", "chat_disband_microapp" ->
                    delivery.add(at, new ChatDismissed(groupId, PLATFORM, chat, operator, at));
            default -> {
                return Delivery.unrecognised(PLATFORM, tenant, key, type, plaintext);
            }
        }
        return delivery.build();
    }

    /** A field as DingTalk's HTTP push names it ({@code ChatId}), or as its Stream mode does ({@code chatId}). */
    private static String field(JsonNode event, String name) {
        String value = PlatformJson.optional(event, "/" + name);
        return value != null ? value : PlatformJson.optional(event, "/" + Character.toLowerCase(name.charAt(0))
                + name.substring(1));
    }

    /** The {@code sign} header DingTalk sends with a robot callback at {@code timestamp}. */
    public static String robotSign(String appSecret, String timestamp) {
        return Base64.getEncoder().encodeToString(HmacSignatures.hmac("HmacSHA256", HmacSignatures.utf8(appSecret),
                HmacSignatures.utf8(timestamp + "\n" + appSecret)));
    }

    /** Verifies a robot message callback and normalises the message. */
    public Delivery receiveRobot(String app, String timestamp, String sign, byte[] body) {
        DingTalkRobot config = robotApps.get(app);
        if (config == null) {
            // an unknown app is answered like a bad signature: the answers name no app that exists (finding 8)
            throw WebhookRejectedException.unauthorized();
        }
        WebhookTimestamps.requireWithinMillis(timestamp, config.replayWindow(), clock);
        if (sign == null) {
            throw WebhookRejectedException.unauthorized();
        }
        byte[] presented = sign.trim().getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (byte[] secret : robotSecrets.get(app)) {
            // every secret is tried, so the time taken does not tell which one matched
            byte[] expected = Base64.getEncoder().encode(HmacSignatures.hmac("HmacSHA256", secret,
                    HmacSignatures.utf8(timestamp.trim() + "\n"), secret));
            matches |= MessageDigest.isEqual(expected, presented);
        }
        if (!matches) {
            throw WebhookRejectedException.unauthorized();
        }
        JsonNode root = PlatformJson.object(body);
        if (config.corpId().isPresent() && !config.corpId().get().equals(PlatformJson.optional(root, "/chatbotCorpId"))) {
            // the sign does not cover the body: the tenant it names is checked, and refused like a bad signature
            throw WebhookRejectedException.unauthorized();
        }
        return robotMessage(root, body);
    }

    static Delivery robotMessage(JsonNode root, byte[] body) {
        String messageId = PlatformJson.required(root, "/msgId");
        String chat = PlatformJson.required(root, "/conversationId");
        String tenant = Optional.ofNullable(PlatformJson.optional(root, "/chatbotCorpId"))
                .orElse(PlatformJson.optional(root, "/senderCorpId"));
        String msgType = PlatformJson.optional(root, "/msgtype");
        MessageKind kind = switch (msgType == null ? "" : msgType) {
            case "text", "richText" -> MessageKind.TEXT;
            case "picture" -> MessageKind.IMAGE;
            case "audio" -> MessageKind.VOICE;
            case "file" -> MessageKind.FILE;
            case "video" -> MessageKind.OTHER;
            default -> null;
        };
        if (kind == null) {
            return Delivery.unrecognised(PLATFORM, tenant, "message:" + messageId, "robot:" + msgType,
                    new String(body, StandardCharsets.UTF_8));
        }
        String sender = Optional.ofNullable(PlatformJson.optional(root, "/senderStaffId"))
                .orElse(PlatformJson.optional(root, "/senderId"));
        if (sender == null) {
            throw WebhookRejectedException.badRequest("missing field: senderStaffId");
        }
        String robot = PlatformJson.optional(root, "/chatbotUserId");
        List<String> mentions = new ArrayList<>();
        for (JsonNode user : root.path("atUsers")) {
            String dingtalkId = PlatformJson.optional(user, "/dingtalkId");
            if (dingtalkId != null && dingtalkId.equals(robot)) {
                continue;
            }
            Optional.ofNullable(PlatformJson.optional(user, "/staffId")).or(() -> Optional.ofNullable(dingtalkId))
                    .ifPresent(mentions::add);
        }
        OffsetDateTime at = PlatformTimes.epochMillis(PlatformJson.optional(root, "/createAt"))
                .orElseThrow(() -> WebhookRejectedException.badRequest("createAt must be epoch milliseconds"));
        // an audio message's content carries its length in milliseconds
        JsonNode duration = root.path("content").path("duration");
        Integer voiceSeconds = kind == MessageKind.VOICE && duration.canConvertToLong()
                ? PlatformTimes.seconds(duration.asLong()) : null;
        return Delivery.of(PLATFORM, tenant, "message:" + messageId, "robot:" + msgType).add(at, new MessagePosted(
                PLATFORM.chatKey(chat), PLATFORM, chat, PlatformJson.optional(root, "/conversationTitle"), messageId,
                sender, PlatformJson.optional(root, "/senderNick"), kind, text(msgType, root), mentions, null, at,
                voiceSeconds, null)).build();
    }

    /** A text's content, a rich text's runs, a voice message's recognised words, a file's name. */
    static String text(String msgType, JsonNode root) {
        return switch (msgType) {
            case "text" -> root.path("text").path("content").asText("").strip();
            case "richText" -> {
                StringBuilder text = new StringBuilder();
                for (JsonNode run : root.path("content").path("richText")) {
                    text.append(run.path("text").asText(""));
                }
                yield text.toString().strip();
            }
            case "audio" -> root.path("content").path("recognition").asText("");
            case "file" -> root.path("content").path("fileName").asText("");
            default -> "";
        };
    }
}
