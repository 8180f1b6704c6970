package io.qunguan.platforms.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qunguan.events.ChatCreated;
import io.qunguan.events.ChatDismissed;
import io.qunguan.events.ChatRenamed;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MemberLeft;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.MessageRecalled;
import io.qunguan.events.Platform;
import io.qunguan.platforms.Delivery;
import io.qunguan.platforms.PlatformJson;
import io.qunguan.platforms.PlatformTimes;
import io.qunguan.platforms.WebhookRejectedException;
import io.qunguan.platforms.WebhookTimestamps;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Feishu / Lark event subscription v2 by request URL. With an Encrypt Key: {@code X-Lark-Signature} =
 * hex SHA-256(timestamp + nonce + encrypt key + raw body), and the body {@code {"encrypt": …}} is AES-256-CBC
 * with key SHA-256(encrypt key) and the IV in its first 16 bytes. Always: {@code header.token} equals the
 * Verification Token. Group messages, recalls, members added and removed, chats renamed and disbanded, and
 * the bot joining a chat (the closest Feishu has to "chat created") are normalised; the rest is stored raw.
 */
public class FeishuEvents {

    private static final Platform PLATFORM = Platform.FEISHU;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a verified request asks for: the challenge echoed, or a delivery to publish. */
    public record Received(String challenge, Delivery delivery) {
    }

    private final Map<String, FeishuApp> apps;
    private final Clock clock;

    /** @param apps the configured apps by the name in their path ({@code default} for none) */
    public FeishuEvents(Map<String, FeishuApp> apps, Clock clock) {
        this.apps = Map.copyOf(apps);
        this.clock = clock;
    }

    public Received receive(String app, String timestamp, String nonce, String signature, byte[] body) {
        FeishuApp config = apps.get(app);
        if (config == null) {
            // an unknown app is answered like a bad signature: the answers name no app that exists (finding 8)
            throw WebhookRejectedException.unauthorized();
        }
        List<String> encryptKeys = new ArrayList<>();
        config.encryptKey().ifPresent(encryptKeys::add);
        config.previousEncryptKey().ifPresent(encryptKeys::add);
        JsonNode root = PlatformJson.object(body);
        // without an Encrypt Key Feishu has nothing to sign with: only the token authenticates
        boolean signed = signature != null && !encryptKeys.isEmpty();
        List<String> decryptWith = encryptKeys;
        if (signed) {
            WebhookTimestamps.requireWithin(timestamp, config.replayWindow(), clock);
            String signedWith = nonce == null ? null : signingKey(signature, timestamp, nonce, encryptKeys, body);
            if (signedWith == null) {
                throw WebhookRejectedException.unauthorized();
            }
            // the key that signed the body encrypted it: a wrong key may pass the padding check by chance
            decryptWith = List.of(signedWith);
        }
        if (!encryptKeys.isEmpty() && !signed) {
            // only the URL check comes unsigned: whatever is wrong with it gets one answer, so an unsigned body
            // cannot probe the decryption (bad padding and bad JSON look alike)
            return new Received(unsignedUrlCheck(root, decryptWith, config), null);
        }
        if (root.has("encrypt")) {
            root = PlatformJson.object(decrypt(PlatformJson.required(root, "/encrypt"), decryptWith));
        } else if (!encryptKeys.isEmpty()) {
            throw WebhookRejectedException.unauthorized();
        }
        String token = root.has("header") ? PlatformJson.optional(root, "/header/token") : PlatformJson.optional(root, "/token");
        if (!tokenMatches(token, config)) {
            throw WebhookRejectedException.unauthorized();
        }
        if ("url_verification".equals(PlatformJson.optional(root, "/type"))) {
            // the URL check comes before any event and is answered within a second
            return new Received(PlatformJson.required(root, "/challenge"), null);
        }
        if (!"2.0".equals(PlatformJson.optional(root, "/schema"))) {
            String uuid = PlatformJson.required(root, "/uuid");
            return new Received(null, Delivery.unrecognised(PLATFORM, null, uuid,
                    "v1:" + PlatformJson.optional(root, "/event/type"), withoutToken(root)));
        }
        String appId = PlatformJson.optional(root, "/header/app_id");
        if (config.appId().isPresent() && !config.appId().get().equals(appId)) {
            throw WebhookRejectedException.unauthorized();
        }
        return new Received(null, normalise(root));
    }

    /** The challenge of an unsigned, encrypted URL check; any fault is the same refusal. */
    private static String unsignedUrlCheck(JsonNode root, List<String> keys, FeishuApp config) {
        try {
            JsonNode check = PlatformJson.object(decrypt(PlatformJson.required(root, "/encrypt"), keys));
            if (tokenMatches(PlatformJson.optional(check, "/token"), config)
                    && "url_verification".equals(PlatformJson.optional(check, "/type"))) {
                return PlatformJson.required(check, "/challenge");
            }
        } catch (WebhookRejectedException e) {
            // refused below, like any other fault
        }
        throw WebhookRejectedException.unauthorized();
    }

    /** The body as it is stored raw: without the Verification Token, which would authenticate a forged event. */
    static String withoutToken(JsonNode root) {
        JsonNode copy = root.deepCopy();
        if (copy instanceof ObjectNode object) {
            object.remove("token");
            if (object.get("header") instanceof ObjectNode header) {
                header.remove("token");
            }
        }
        return copy.toString();
    }

    /** The key whose signature {@code signature} is, or null. */
    private static String signingKey(String signature, String timestamp, String nonce, List<String> keys,
            byte[] body) {
        byte[] presented = signature.trim().getBytes(StandardCharsets.US_ASCII);
        String matched = null;
        for (String key : keys) {
            // every key is tried, so the time taken does not tell which one matched
            if (MessageDigest.isEqual(sign(timestamp, nonce, key, body).getBytes(StandardCharsets.US_ASCII),
                    presented)) {
                matched = key;
            }
        }
        return matched;
    }

    private static boolean tokenMatches(String token, FeishuApp config) {
        if (token == null) {
            return false;
        }
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        boolean matches = MessageDigest.isEqual(presented,
                config.verificationToken().getBytes(StandardCharsets.UTF_8));
        if (config.previousVerificationToken().isPresent()) {
            matches |= MessageDigest.isEqual(presented,
                    config.previousVerificationToken().get().getBytes(StandardCharsets.UTF_8));
        }
        return matches;
    }

    /** Feishu's {@code encrypt}: the IV is the first 16 bytes of the decoded value. */
    static String decrypt(String encrypted, List<String> keys) {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(encrypted);
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.unauthorized();
        }
        if (data.length < 32 || data.length % 16 != 0) {
            throw WebhookRejectedException.unauthorized();
        }
        for (String key : keys) {
            try {
                Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
                aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sha256(key), "AES"), new IvParameterSpec(data, 0, 16));
                String plaintext = new String(aes.doFinal(data, 16, data.length - 16), StandardCharsets.UTF_8);
                // an unsigned body (the URL check) names no key: a wrong one decrypts to garbage, not to JSON
                if (keys.size() == 1 || plaintext.stripLeading().startsWith("{")) {
                    return plaintext;
                }
            } catch (GeneralSecurityException e) {
                // the next key, if a rotation is under way
            }
        }
        throw WebhookRejectedException.unauthorized();
    }

    /** Encrypts as Feishu does; for tests and for the local fake platform. */
    public static String encrypt(String plaintext, String key) {
        try {
            byte[] iv = new byte[16];
            RANDOM.nextBytes(iv);
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sha256(key), "AES"), new IvParameterSpec(iv));
            byte[] ciphertext = aes.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] data = Arrays.copyOf(iv, 16 + ciphertext.length);
            System.arraycopy(ciphertext, 0, data, 16, ciphertext.length);
            return Base64.getEncoder().encodeToString(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is required by the JDK", e);
        }
    }

    /** The {@code X-Lark-Signature} Feishu sends for {@code body}. */
    public static String sign(String timestamp, String nonce, String key, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((timestamp + nonce + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }

    private static byte[] sha256(String key) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Maps a v2 event; only an event kept raw is serialised back to text. */
    static Delivery normalise(JsonNode root) {
        String eventId = PlatformJson.required(root, "/header/event_id");
        String type = PlatformJson.required(root, "/header/event_type");
        String tenant = PlatformJson.optional(root, "/header/tenant_key");
        JsonNode event = root.path("event");
        OffsetDateTime created = createTime(PlatformJson.optional(root, "/header/create_time"));
        return switch (type) {
            case "im.message.receive_v1" -> message(tenant, type, event);
            case "im.message.recalled_v1" -> {
                String chat = PlatformJson.required(event, "/chat_id");
                String messageId = PlatformJson.required(event, "/message_id");
                OffsetDateTime at = PlatformTimes.epochMillis(PlatformJson.optional(event, "/recall_time")).orElse(created);
                yield Delivery.of(PLATFORM, tenant, "recall:" + messageId, type)
                        .add(at, new MessageRecalled(PLATFORM.chatKey(chat), PLATFORM, chat, messageId, null, at)).build();
            }
            case "im.chat.member.user.added_v1", "im.chat.member.user.deleted_v1" -> {
                String chat = PlatformJson.required(event, "/chat_id");
                String operator = userId(event.path("operator_id"));
                Delivery.Builder delivery = Delivery.of(PLATFORM, tenant, eventId, type);
                for (JsonNode user : event.path("users")) {
                    String member = userId(user.path("user_id"));
                    if (member == null) {
                        continue;
                    }
                    delivery.add(member, created, type.endsWith("added_v1")
                            ? new MemberJoined(PLATFORM.chatKey(chat), PLATFORM, chat, member,
                                    PlatformJson.optional(user, "/name"), operator, created)
                            : new MemberLeft(PLATFORM.chatKey(chat), PLATFORM, chat, member,
                                    member.equals(operator) ? null : operator, created));
                }
                yield delivery.build();
            }
            case "im.chat.disbanded_v1" -> {
                String chat = PlatformJson.required(event, "/chat_id");
                yield Delivery.of(PLATFORM, tenant, eventId, type).add(created, new ChatDismissed(PLATFORM.chatKey(chat),
                        PLATFORM, chat, userId(event.path("operator_id")), created)).build();
            }
            case "im.chat.updated_v1" -> {
                String chat = PlatformJson.required(event, "/chat_id");
                String name = PlatformJson.optional(event, "/after_change/name");
                if (name == null || name.equals(PlatformJson.optional(event, "/before_change/name"))) {
                    yield Delivery.unrecognised(PLATFORM, tenant, eventId, type, withoutToken(root));
                }
                yield Delivery.of(PLATFORM, tenant, eventId, type).add(created, new ChatRenamed(PLATFORM.chatKey(chat),
                        PLATFORM, chat, name, userId(event.path("operator_id")), created)).build();
            }
            case "im.chat.member.bot.added_v1" -> {
                // Feishu has no "chat created" event: the bot joining is when Qunguan first sees a chat
                String chat = PlatformJson.required(event, "/chat_id");
                yield Delivery.of(PLATFORM, tenant, eventId, type).add(created, new ChatCreated(PLATFORM.chatKey(chat),
                        PLATFORM, chat, PlatformJson.optional(event, "/name"), userId(event.path("operator_id")),
                        created)).build();
            }
            default -> Delivery.unrecognised(PLATFORM, tenant, eventId, type, withoutToken(root));
        };
    }

    private static Delivery message(String tenant, String type, JsonNode event) {
        JsonNode message = event.path("message");
        String chat = PlatformJson.required(message, "/chat_id");
        String messageId = PlatformJson.required(message, "/message_id");
        String sender = userId(event.path("sender").path("sender_id"));
        if (sender == null) {
            throw WebhookRejectedException.badRequest("missing field: event.sender.sender_id");
        }
        String messageType = PlatformJson.optional(message, "/message_type");
        JsonNode content = parseContent(PlatformJson.optional(message, "/content"));
        MessageKind kind = switch (messageType == null ? "" : messageType) {
            case "text", "post" -> MessageKind.TEXT;
            case "image" -> MessageKind.IMAGE;
            case "audio" -> MessageKind.VOICE;
            case "sticker" -> MessageKind.STICKER;
            case "file", "media" -> MessageKind.FILE;
            case "share_chat", "share_user" -> MessageKind.LINK;
            default -> MessageKind.OTHER;
        };
        List<String> mentions = new ArrayList<>();
        for (JsonNode mention : message.path("mentions")) {
            Optional.ofNullable(userId(mention.path("id"))).ifPresent(mentions::add);
        }
        String parent = PlatformJson.optional(message, "/parent_id");
        OffsetDateTime at = createTime(PlatformJson.optional(message, "/create_time"));
        // keyed by message id: Feishu may deliver one message under several event ids
        // an audio message's content carries its length in milliseconds
        Integer voiceSeconds = kind == MessageKind.VOICE && content.path("duration").canConvertToLong()
                ? PlatformTimes.seconds(content.path("duration").asLong()) : null;
        return Delivery.of(PLATFORM, tenant, "message:" + messageId, type).add(at, new MessagePosted(
                PLATFORM.chatKey(chat), PLATFORM, chat, null, messageId, sender, null, kind, text(messageType, content),
                mentions, parent, at, voiceSeconds, null)).build();
    }

    private static JsonNode parseContent(String content) {
        if (content == null) {
            return PlatformJson.object("{}");
        }
        return PlatformJson.object(content);
    }

    /** The readable text of a message: a text's {@code text}, a post's title and text runs, a file's name. */
    static String text(String messageType, JsonNode content) {
        if ("post".equals(messageType)) {
            JsonNode post = content.has("content") ? content : content.path("zh_cn").isObject() ? content.path("zh_cn")
                    : content.path("en_us");
            StringBuilder text = new StringBuilder(post.path("title").asText(""));
            for (JsonNode paragraph : post.path("content")) {
                for (JsonNode run : paragraph) {
                    if (run.has("text")) {
                        text.append(text.isEmpty() ? "" : " ").append(run.path("text").asText());
                    }
                }
            }
            return text.toString();
        }
        if (content.has("text")) {
            return content.path("text").asText("");
        }
        return content.path("file_name").asText("");
    }

    /** The employee id where the app may read it, else the app-scoped open id. */
    private static String userId(JsonNode ids) {
        String userId = PlatformJson.optional(ids, "/user_id");
        return userId != null ? userId : PlatformJson.optional(ids, "/open_id");
    }

    private static OffsetDateTime createTime(String value) {
        return PlatformTimes.epochMillis(value)
                .orElseThrow(() -> WebhookRejectedException.badRequest("create_time must be epoch milliseconds"));
    }
}
