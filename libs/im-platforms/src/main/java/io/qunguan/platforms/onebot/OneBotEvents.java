package io.qunguan.platforms.onebot;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MemberLeft;
import io.qunguan.events.MemberRenamed;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.MessageRecalled;
import io.qunguan.events.Platform;
import io.qunguan.platforms.Delivery;
import io.qunguan.platforms.PlatformJson;
import io.qunguan.platforms.PlatformTimes;
import io.qunguan.platforms.WebhookRejectedException;
import io.qunguan.platforms.WebhookTimestamps;
import io.qunguan.platforms.crypto.HmacSignatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OneBot v11 and v12 event reports (HTTP POST / HTTP webhook), the standard of the QQ bridges. v11 is
 * authenticated by {@code X-Signature: sha1=<hex HMAC-SHA1(secret, raw body)>}, v12 by its bearer access token;
 * the body's own {@code time} bounds replays. Group messages (segments or CQ-code strings), recalls, members
 * joining, leaving and changing their group card are normalised; heartbeats are acknowledged and dropped; the
 * rest is stored raw. Message ids are unique per bot account only, so the account is the tenant of every key.
 */
public class OneBotEvents {

    private static final Platform PLATFORM = Platform.ONEBOT;
    private static final Pattern CQ_CODE = Pattern.compile("\\[CQ:([A-Za-z0-9_.-]+)((?:,[^\\]]*)?)]");

    private final Map<String, OneBotBridge> bridges;
    private final Map<String, List<byte[]>> secrets = new LinkedHashMap<>();
    private final Map<String, List<byte[]>> tokens = new LinkedHashMap<>();
    private final Clock clock;

    /** @param bridges the configured bridges by the name in their path ({@code default} for none) */
    public OneBotEvents(Map<String, OneBotBridge> bridges, Clock clock) {
        this.bridges = Map.copyOf(bridges);
        this.clock = clock;
        bridges.forEach((name, bridge) -> {
            secrets.put(name, bytes(bridge.secret(), bridge.previousSecret()));
            tokens.put(name, bytes(bridge.accessToken(), bridge.previousAccessToken()));
        });
    }

    private static List<byte[]> bytes(Optional<String> current, Optional<String> previous) {
        List<byte[]> values = new ArrayList<>();
        current.ifPresent(value -> values.add(HmacSignatures.utf8(value)));
        previous.ifPresent(value -> values.add(HmacSignatures.utf8(value)));
        return List.copyOf(values);
    }

    /** The {@code X-Signature} a v11 bridge sends for {@code body}. */
    public static String sign(String secret, byte[] body) {
        return "sha1=" + HexFormat.of().formatHex(HmacSignatures.hmac("HmacSHA1", HmacSignatures.utf8(secret), body));
    }

    /**
     * Verifies a report and normalises it; empty for heartbeats and lifecycle reports, which carry nothing to keep.
     *
     * @param bearer the access token from {@code Authorization: Bearer}; never a URL parameter, which logs keep
     */
    public Optional<Delivery> receive(String bridge, String signature, String bearer, byte[] body) {
        OneBotBridge config = bridges.get(bridge);
        if (config == null) {
            // an unknown app is answered like a bad signature: the answers name no app that exists (finding 8)
            throw WebhookRejectedException.unauthorized();
        }
        if (!authentic(bridge, config, signature, bearer, body)) {
            throw WebhookRejectedException.unauthorized();
        }
        JsonNode root = PlatformJson.object(body);
        boolean v12 = !root.has("post_type");
        String self = v12 ? PlatformJson.optional(root, "/self/user_id") : PlatformJson.optional(root, "/self_id");
        if (config.selfId().isPresent() && !config.selfId().get().equals(self)) {
            // signed by this bridge's secret but speaking for another account: never attributed to this one
            throw WebhookRejectedException.unauthorized();
        }
        JsonNode time = root.path("time");
        WebhookTimestamps.requireWithin(time.isNumber() ? Long.toString(time.asLong()) : null, config.replayWindow(),
                clock);
        OffsetDateTime at = Instant.ofEpochMilli(Math.round(time.asDouble() * 1000)).atOffset(PlatformTimes.CHINA);
        return v12 ? v12(self, root, at, body) : v11(self, root, at, body);
    }

    private boolean authentic(String bridge, OneBotBridge config, String signature, String bearer, byte[] body) {
        if (config.secret().isPresent()) {
            return signature != null && signature.startsWith("sha1=")
                    && HmacSignatures.hexMatchesAny(signature.substring(5), "HmacSHA1", secrets.get(bridge), body);
        }
        if (bearer == null) {
            return false;
        }
        byte[] presented = HmacSignatures.utf8(bearer);
        boolean matches = false;
        for (byte[] token : tokens.get(bridge)) {
            matches |= MessageDigest.isEqual(token, presented);
        }
        return matches;
    }

    static Optional<Delivery> v11(String self, JsonNode root, OffsetDateTime at, byte[] body) {
        String postType = PlatformJson.required(root, "/post_type");
        String type = switch (postType) {
            case "message" -> "message." + PlatformJson.optional(root, "/message_type");
            case "notice" -> "notice." + PlatformJson.optional(root, "/notice_type");
            case "request" -> "request." + PlatformJson.optional(root, "/request_type");
            default -> postType;
        };
        if (postType.equals("meta_event")) {
            return Optional.empty();
        }
        if (type.equals("message.group")) {
            String group = PlatformJson.required(root, "/group_id");
            String messageId = PlatformJson.required(root, "/message_id");
            Message message = root.path("message").isArray() ? Message.of(root.path("message"))
                    : Message.ofCqCodes(Optional.ofNullable(PlatformJson.optional(root, "/message"))
                            .orElse(Optional.ofNullable(PlatformJson.optional(root, "/raw_message")).orElse("")));
            JsonNode sender = root.path("sender");
            String name = Optional.ofNullable(PlatformJson.optional(sender, "/card"))
                    .orElse(PlatformJson.optional(sender, "/nickname"));
            return Optional.of(Delivery.of(PLATFORM, self, "message:" + messageId, type).add(at, new MessagePosted(
                    PLATFORM.chatKey(group), PLATFORM, group, null, messageId, PlatformJson.required(root, "/user_id"),
                    name, message.kind(), message.text(), message.mentions(), message.replyTo(), at)).build());
        }
        String group = PlatformJson.optional(root, "/group_id");
        String user = PlatformJson.optional(root, "/user_id");
        String operator = nonZero(PlatformJson.optional(root, "/operator_id"));
        String subType = PlatformJson.optional(root, "/sub_type");
        String key = type + ":" + group + ":" + user + ":" + operator + ":" + subType + ":" + root.path("time").asText();
        if (group == null || user == null) {
            // no id of its own: a redelivery repeats the body
            String raw = raw(body);
            return Optional.of(Delivery.unrecognised(PLATFORM, self, type + ":" + Delivery.contentKey(raw), type, raw));
        }
        String groupId = PLATFORM.chatKey(group);
        return Optional.of(switch (type) {
            case "notice.group_increase" -> Delivery.of(PLATFORM, self, key, type).add(at, new MemberJoined(groupId,
                    PLATFORM, group, user, null, user.equals(operator) ? null : operator, at)).build();
            // leave: on their own; kick: by the operator; kick_me: the bot itself was removed
            case "notice.group_decrease" -> Delivery.of(PLATFORM, self, key, type).add(at, new MemberLeft(groupId,
                    PLATFORM, group, user, "leave".equals(subType) || user.equals(operator) ? null : operator, at))
                    .build();
            case "notice.group_recall" -> {
                String messageId = PlatformJson.required(root, "/message_id");
                yield Delivery.of(PLATFORM, self, "recall:" + messageId, type).add(at, new MessageRecalled(groupId,
                        PLATFORM, group, messageId, operator, at)).build();
            }
            case "notice.group_card" -> Delivery.of(PLATFORM, self, key, type).add(at, new MemberRenamed(groupId,
                    PLATFORM, group, user, PlatformJson.optional(root, "/card_old"),
                    Optional.ofNullable(PlatformJson.optional(root, "/card_new")).orElse(""), at)).build();
            default -> Delivery.unrecognised(PLATFORM, self, key, type, raw(body));
        });
    }

    static Optional<Delivery> v12(String self, JsonNode root, OffsetDateTime at, byte[] body) {
        String kind = PlatformJson.required(root, "/type");
        String type = kind + "." + PlatformJson.optional(root, "/detail_type");
        if (kind.equals("meta")) {
            return Optional.empty();
        }
        String eventId = PlatformJson.required(root, "/id");
        String group = PlatformJson.optional(root, "/group_id");
        if (group == null) {
            return Optional.of(Delivery.unrecognised(PLATFORM, self, eventId, type, raw(body)));
        }
        String groupId = PLATFORM.chatKey(group);
        String operator = PlatformJson.optional(root, "/operator_id");
        return Optional.of(switch (type) {
            case "message.group" -> {
                String messageId = PlatformJson.required(root, "/message_id");
                Message message = Message.of(root.path("message"));
                yield Delivery.of(PLATFORM, self, "message:" + messageId, type).add(at, new MessagePosted(groupId,
                        PLATFORM, group, null, messageId, PlatformJson.required(root, "/user_id"), null, message.kind(),
                        message.text(), message.mentions(), message.replyTo(), at)).build();
            }
            case "notice.group_member_increase" -> {
                String user = PlatformJson.required(root, "/user_id");
                yield Delivery.of(PLATFORM, self, eventId, type).add(at, new MemberJoined(groupId, PLATFORM, group, user,
                        null, user.equals(operator) ? null : operator, at)).build();
            }
            case "notice.group_member_decrease" -> {
                String user = PlatformJson.required(root, "/user_id");
                yield Delivery.of(PLATFORM, self, eventId, type).add(at, new MemberLeft(groupId, PLATFORM, group, user,
                        "leave".equals(PlatformJson.optional(root, "/sub_type")) || user.equals(operator) ? null
                                : operator, at)).build();
            }
            case "notice.group_message_delete" -> {
                String messageId = PlatformJson.required(root, "/message_id");
                yield Delivery.of(PLATFORM, self, "recall:" + messageId, type).add(at, new MessageRecalled(groupId,
                        PLATFORM, group, messageId, operator, at)).build();
            }
            default -> Delivery.unrecognised(PLATFORM, self, eventId, type, raw(body));
        });
    }

    private static String nonZero(String id) {
        return id == null || id.equals("0") ? null : id;
    }

    private static String raw(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A message's segments read for moderation: its text (links included), mentions, reply and kind. */
    record Message(String text, List<String> mentions, String replyTo, MessageKind kind) {

        /** Segments as v11 arrays and v12 send them: {@code [{"type": …, "data": {…}}]}. */
        static Message of(JsonNode segments) {
            Builder message = new Builder();
            for (JsonNode segment : segments) {
                JsonNode data = segment.path("data");
                Map<String, String> values = new LinkedHashMap<>();
                data.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
                message.add(segment.path("type").asText(""), values);
            }
            return message.build();
        }

        /** A v11 CQ-code string: {@code 文本[CQ:at,qq=10001][CQ:image,file=…]}, with its escapes. */
        static Message ofCqCodes(String codes) {
            Builder message = new Builder();
            Matcher code = CQ_CODE.matcher(codes);
            int at = 0;
            while (code.find()) {
                message.add("text", Map.of("text", unescape(codes.substring(at, code.start()))));
                Map<String, String> values = new LinkedHashMap<>();
                for (String parameter : code.group(2).split(",")) {
                    int equals = parameter.indexOf('=');
                    if (equals > 0) {
                        values.put(parameter.substring(0, equals), unescape(parameter.substring(equals + 1)));
                    }
                }
                message.add(code.group(1), values);
                at = code.end();
            }
            message.add("text", Map.of("text", unescape(codes.substring(at))));
            return message.build();
        }

        private static String unescape(String text) {
            return text.replace("&#44;", ",").replace("&#91;", "[").replace("&#93;", "]").replace("&amp;", "&");
        }

        private static final class Builder {
            private final StringBuilder text = new StringBuilder();
            private final List<String> mentions = new ArrayList<>();
            private String replyTo;
            private MessageKind media;

            void add(String type, Map<String, String> data) {
                switch (type) {
                    case "text" -> text.append(data.getOrDefault("text", ""));
                    // v11 at carries qq ("all" for everyone), v12 mention carries user_id
                    case "at", "mention" -> Optional.ofNullable(data.getOrDefault("qq", data.get("user_id")))
                            .filter(id -> !id.equals("all")).ifPresent(mentions::add);
                    case "reply" -> replyTo = data.getOrDefault("id", data.get("message_id"));
                    case "image" -> media(MessageKind.IMAGE);
                    case "record", "voice", "audio" -> media(MessageKind.VOICE);
                    case "face", "mface", "marketface", "dice", "rps" -> media(MessageKind.STICKER);
                    case "file" -> {
                        media(MessageKind.FILE);
                        append(data.getOrDefault("name", ""));
                    }
                    case "share" -> {
                        media(MessageKind.LINK);
                        append(data.getOrDefault("title", ""));
                        append(data.getOrDefault("url", ""));
                    }
                    default -> media(MessageKind.OTHER);
                }
            }

            private void media(MessageKind kind) {
                if (media == null) {
                    media = kind;
                }
            }

            private void append(String part) {
                if (!part.isEmpty()) {
                    text.append(text.isEmpty() ? "" : " ").append(part);
                }
            }

            Message build() {
                String joined = text.toString().strip();
                MessageKind kind = media == null || !joined.isEmpty() && media != MessageKind.LINK
                        && media != MessageKind.FILE ? MessageKind.TEXT : media;
                return new Message(joined, mentions, replyTo, kind);
            }
        }
    }
}
