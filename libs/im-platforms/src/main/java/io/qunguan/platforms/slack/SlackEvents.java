package io.qunguan.platforms.slack;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.qunguan.platforms.WebhookRejectedException;
import io.qunguan.platforms.WebhookTimestamps;
import io.qunguan.platforms.crypto.HmacSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Slack Events API: {@code X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + raw body)>}
 * checked over the raw bytes within five minutes, the {@code url_verification} handshake, and channel
 * messages, deletions, membership and channel lifecycle normalised. Other events are stored raw.
 */
public class SlackEvents {

    private static final Platform PLATFORM = Platform.SLACK;
    private static final Pattern TS = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,9}))?");
    private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");

    /** What a verified request asks for: the handshake's challenge echoed, or a delivery to publish. */
    public record Received(String challenge, Delivery delivery) {
    }

    private final Map<String, SlackApp> apps;
    private final Map<String, List<byte[]>> secrets = new LinkedHashMap<>();
    private final Clock clock;

    /** @param apps the configured apps by the name in their path ({@code default} for none) */
    public SlackEvents(Map<String, SlackApp> apps, Clock clock) {
        this.apps = Map.copyOf(apps);
        this.clock = clock;
        apps.forEach((name, app) -> {
            List<byte[]> appSecrets = new ArrayList<>();
            appSecrets.add(HmacSignatures.utf8(app.signingSecret()));
            app.previousSigningSecret().ifPresent(previous -> appSecrets.add(HmacSignatures.utf8(previous)));
            secrets.put(name, List.copyOf(appSecrets));
        });
    }

    /** The signature value Slack would send for {@code body} at {@code timestamp}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        return "v0=" + HexFormat.of().formatHex(HmacSignatures.hmac("HmacSHA256", HmacSignatures.utf8(secret),
                HmacSignatures.utf8("v0:" + timestamp + ":"), body));
    }

    public Received receive(String app, String timestamp, String signature, byte[] body) {
        SlackApp config = apps.get(app);
        if (config == null) {
            // an unknown app is answered like a bad signature: the answers name no app that exists (finding 8)
            throw WebhookRejectedException.unauthorized();
        }
        WebhookTimestamps.requireWithin(timestamp, config.replayWindow(), clock);
        if (signature == null || !signature.startsWith("v0=") || !HmacSignatures.hexMatchesAny(signature.substring(3),
                "HmacSHA256", secrets.get(app), HmacSignatures.utf8("v0:" + timestamp.trim() + ":"), body)) {
            throw WebhookRejectedException.unauthorized();
        }
        JsonNode root = PlatformJson.object(body);
        String type = PlatformJson.required(root, "/type");
        if (type.equals("url_verification")) {
            return new Received(PlatformJson.required(root, "/challenge"), null);
        }
        String team = PlatformJson.optional(root, "/team_id");
        if (config.teamId().isPresent() && !config.teamId().get().equals(team)) {
            // signed by this app's secret but about another workspace: never attributed to this one
            throw WebhookRejectedException.unauthorized();
        }
        String eventId = PlatformJson.required(root, "/event_id");
        if (!type.equals("event_callback")) {
            return new Received(null, Delivery.unrecognised(PLATFORM, team, eventId, type, raw(body)));
        }
        return new Received(null, normalise(team, eventId, root.path("event"), body));
    }

    static Delivery normalise(String team, String eventId, JsonNode event, byte[] body) {
        String type = PlatformJson.required(event, "/type");
        String subtype = PlatformJson.optional(event, "/subtype");
        String fullType = subtype == null ? type : type + ":" + subtype;
        return switch (fullType) {
            case "message", "message:thread_broadcast", "message:file_share", "message:me_message",
                    "message:bot_message" -> message(team, event, event, fullType, null);
            // an edit is judged again: its key is the event's, so it is not taken for the original
            case "message:message_changed" -> message(team, event, event.path("message"), fullType, eventId);
            case "message:message_deleted" -> {
                String channel = PlatformJson.required(event, "/channel");
                String deleted = PlatformJson.required(event, "/deleted_ts");
                OffsetDateTime at = time(PlatformJson.required(event, "/ts"));
                yield Delivery.of(PLATFORM, team, eventId, fullType).add(at, new MessageRecalled(
                        PLATFORM.chatKey(channel), PLATFORM, channel, deleted, null, at)).build();
            }
            case "member_joined_channel" -> {
                String channel = PlatformJson.required(event, "/channel");
                OffsetDateTime at = eventTime(event);
                yield Delivery.of(PLATFORM, team, eventId, fullType).add(at, new MemberJoined(PLATFORM.chatKey(channel),
                        PLATFORM, channel, PlatformJson.required(event, "/user"), null,
                        PlatformJson.optional(event, "/inviter"), at)).build();
            }
            case "member_left_channel" -> {
                String channel = PlatformJson.required(event, "/channel");
                OffsetDateTime at = eventTime(event);
                yield Delivery.of(PLATFORM, team, eventId, fullType).add(at, new MemberLeft(PLATFORM.chatKey(channel),
                        PLATFORM, channel, PlatformJson.required(event, "/user"), null, at)).build();
            }
            case "channel_created" -> {
                String channel = PlatformJson.required(event, "/channel/id");
                OffsetDateTime at = event.path("channel").has("created")
                        ? time(PlatformJson.required(event, "/channel/created")) : eventTime(event);
                yield Delivery.of(PLATFORM, team, eventId, fullType).add(at, new ChatCreated(PLATFORM.chatKey(channel),
                        PLATFORM, channel, PlatformJson.optional(event, "/channel/name"),
                        PlatformJson.optional(event, "/channel/creator"), at)).build();
            }
            case "channel_rename", "group_rename" -> {
                String channel = PlatformJson.required(event, "/channel/id");
                OffsetDateTime at = eventTime(event);
                yield Delivery.of(PLATFORM, team, eventId, fullType).add(at, new ChatRenamed(PLATFORM.chatKey(channel),
                        PLATFORM, channel, PlatformJson.optional(event, "/channel/name"), null, at)).build();
            }
            case "channel_deleted", "channel_archive", "group_deleted", "group_archive" -> {
                String channel = PlatformJson.required(event, "/channel");
                OffsetDateTime at = eventTime(event);
                yield Delivery.of(PLATFORM, team, eventId, fullType).add(at, new ChatDismissed(PLATFORM.chatKey(channel),
                        PLATFORM, channel, PlatformJson.optional(event, "/user"), at)).build();
            }
            default -> Delivery.unrecognised(PLATFORM, team, eventId, fullType, raw(body));
        };
    }

    /** @param key the delivery key, or null for the message's own identity */
    private static Delivery message(String team, JsonNode event, JsonNode message, String type, String key) {
        String channel = PlatformJson.required(event, "/channel");
        String ts = PlatformJson.required(message, "/ts");
        if (key == null) {
            // a message is (channel, ts): the same message under two event ids is still one delivery
            key = "message:" + channel + ":" + ts;
        }
        String sender = PlatformJson.optional(message, "/user");
        if (sender == null) {
            sender = PlatformJson.required(message, "/bot_id");
        }
        String text = PlatformJson.optional(message, "/text");
        JsonNode files = message.path("files");
        MessageKind kind = MessageKind.TEXT;
        if (files.isArray() && !files.isEmpty()) {
            String mime = files.get(0).path("mimetype").asText("");
            kind = mime.startsWith("image/") ? MessageKind.IMAGE : mime.startsWith("audio/") ? MessageKind.VOICE
                    : MessageKind.FILE;
        }
        List<String> mentions = new ArrayList<>();
        Matcher mention = MENTION.matcher(text == null ? "" : text);
        while (mention.find()) {
            mentions.add(mention.group(1));
        }
        String thread = PlatformJson.optional(message, "/thread_ts");
        OffsetDateTime at = time(ts);
        return Delivery.of(PLATFORM, team, key, type).add(at, new MessagePosted(PLATFORM.chatKey(channel), PLATFORM,
                channel, null, ts, sender, null, kind, text, mentions, thread == null || thread.equals(ts) ? null : thread,
                at)).build();
    }

    private static OffsetDateTime eventTime(JsonNode event) {
        String ts = PlatformJson.optional(event, "/event_ts");
        return ts == null ? OffsetDateTime.now(ZoneOffset.UTC) : time(ts);
    }

    /** Slack's {@code ts}: seconds with a microsecond fraction, e.g. {@code 1700000000.123456}. */
    static OffsetDateTime time(String ts) {
        Matcher parts = TS.matcher(ts);
        if (!parts.matches()) {
            throw WebhookRejectedException.badRequest("ts must be Slack's seconds.microseconds");
        }
        String fraction = parts.group(2) == null ? "" : parts.group(2);
        long nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
        return Instant.ofEpochSecond(Long.parseLong(parts.group(1)), nanos).atOffset(ZoneOffset.UTC);
    }

    private static String raw(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
