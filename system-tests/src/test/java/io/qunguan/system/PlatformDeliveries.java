package io.qunguan.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed and encrypted deliveries as each platform sends them, written from the platforms' documentation
 * independently of group-service's own code, so an end-to-end test checks the service against the protocol.
 */
final class PlatformDeliveries {

    static final String SLACK_SECRET = "st-slack-signing-secret";
    static final String ONEBOT_SECRET = "st-onebot-secret";
    static final String DINGTALK_ROBOT_SECRET = "st-dingtalk-robot-secret";
    static final String FEISHU_TOKEN = "st-feishu-verification-token";
    static final String FEISHU_ENCRYPT_KEY = "st-feishu-encrypt-key";
    static final String WECOM_CORP = "wwsystemtest0001";
    static final String WECOM_TOKEN = "stWeComToken";
    static final String WECOM_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    /** group-service's configuration for these deliveries. */
    static final Map<String, String> CONFIG = Map.ofEntries(
            Map.entry("qunguan.platforms.slack.signing-secret", SLACK_SECRET),
            Map.entry("qunguan.platforms.slack.team-id", "T0SYSTEM"),
            Map.entry("qunguan.platforms.onebot.secret", ONEBOT_SECRET),
            Map.entry("qunguan.platforms.onebot.self-id", "10000"),
            Map.entry("qunguan.platforms.dingtalk.robot-app-secret", DINGTALK_ROBOT_SECRET),
            Map.entry("qunguan.platforms.dingtalk.corp-id", "dingcorp"),
            Map.entry("qunguan.platforms.feishu.verification-token", FEISHU_TOKEN),
            Map.entry("qunguan.platforms.feishu.encrypt-key", FEISHU_ENCRYPT_KEY),
            Map.entry("qunguan.platforms.wecom.corp-id", WECOM_CORP),
            Map.entry("qunguan.platforms.wecom.token", WECOM_TOKEN),
            Map.entry("qunguan.platforms.wecom.encoding-aes-key", WECOM_AES_KEY));

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PlatformDeliveries() {
    }

    /** Slack Events API: v0 HMAC-SHA256 over {@code v0:<timestamp>:<raw body>}. */
    static int slack(String base, String channel, String ts, String text) {
        String body = """
                {"token":"legacy","team_id":"T0SYSTEM","api_app_id":"A1","type":"event_callback","event_id":"Ev%s",
                 "event_time":%d,"event":{"type":"message","channel":"%s","user":"U0SLACKER","text":"%s","ts":"%s",
                 "channel_type":"channel"}}""".formatted(ts.replace(".", ""), now(), channel, text, ts);
        String timestamp = Long.toString(now());
        String signature = "v0=" + HexFormat.of().formatHex(hmac("HmacSHA256", SLACK_SECRET,
                "v0:" + timestamp + ":" + body));
        return post(base + "/webhooks/slack", body, "application/json", Map.of("X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", signature));
    }

    /** OneBot v11 HTTP POST: {@code X-Signature: sha1=<HMAC-SHA1 of the raw body>}. */
    static int oneBot(String base, String group, long messageId, String text) {
        String body = """
                {"time":%d,"self_id":10000,"post_type":"message","message_type":"group","sub_type":"normal",
                 "message_id":%d,"group_id":%s,"user_id":20002,"anonymous":null,
                 "message":[{"type":"text","data":{"text":"%s"}}],"raw_message":"%s","font":0,
                 "sender":{"user_id":20002,"nickname":"阿四","card":"销售部-李四","role":"member"}}"""
                .formatted(now(), messageId, group, text, text);
        return post(base + "/webhooks/onebot", body, "application/json", Map.of("X-Self-ID", "10000",
                "X-Signature", "sha1=" + HexFormat.of().formatHex(hmac("HmacSHA1", ONEBOT_SECRET, body))));
    }

    /** DingTalk internal robot: headers {@code timestamp} and {@code sign} = Base64(HmacSHA256(secret, ts\nsecret)). */
    static int dingTalkRobot(String base, String conversation, String msgId, String text) {
        String body = """
                {"conversationId":"%s","atUsers":[{"dingtalkId":"$:LWCP_v1:$bot"}],"chatbotCorpId":"dingcorp",
                 "chatbotUserId":"$:LWCP_v1:$bot","msgId":"%s","senderNick":"王五","isAdmin":false,
                 "senderStaffId":"wang05","createAt":%d,"senderCorpId":"dingcorp","conversationType":"2",
                 "senderId":"$:LWCP_v1:$wang","conversationTitle":"市场部-推广","isInAtList":true,
                 "text":{"content":" %s"},"msgtype":"text"}""".formatted(conversation, msgId, System.currentTimeMillis(),
                text);
        String timestamp = Long.toString(System.currentTimeMillis());
        String sign = Base64.getEncoder().encodeToString(hmac("HmacSHA256", DINGTALK_ROBOT_SECRET,
                timestamp + "\n" + DINGTALK_ROBOT_SECRET));
        return post(base + "/webhooks/dingtalk/robot", body, "application/json", Map.of("timestamp", timestamp,
                "sign", sign));
    }

    /**
     * Feishu event subscription v2 with an Encrypt Key: the event (Verification Token in {@code header.token})
     * AES-256-CBC encrypted with key SHA-256(Encrypt Key) and a random IV before it, then signed with
     * {@code X-Lark-Signature} = hex SHA-256(timestamp + nonce + Encrypt Key + body).
     */
    static int feishu(String base, String chat, String messageId, String text) {
        String content = "{\\\"text\\\":\\\"" + text + "\\\"}";
        String body = """
                {"schema":"2.0","header":{"event_id":"%s","event_type":"im.message.receive_v1",
                 "create_time":"%d","token":"%s","app_id":"cli_system","tenant_key":"t-system"},
                 "event":{"sender":{"sender_id":{"open_id":"ou_zhao","user_id":"zhao06"},"sender_type":"user"},
                 "message":{"message_id":"%s","chat_id":"%s","chat_type":"group","message_type":"text",
                  "content":"%s","create_time":"%d"}}}""".formatted("ev-" + messageId, System.currentTimeMillis(),
                FEISHU_TOKEN, messageId, chat, content, System.currentTimeMillis());
        String encrypted = "{\"encrypt\":\"" + feishuEncrypt(body) + "\"}";
        String timestamp = Long.toString(now());
        String nonce = Long.toString(new SecureRandom().nextInt(1_000_000_000));
        String signature = HexFormat.of().formatHex(sha256(timestamp + nonce + FEISHU_ENCRYPT_KEY + encrypted));
        return post(base + "/webhooks/feishu", encrypted, "application/json", Map.of(
                "X-Lark-Request-Timestamp", timestamp, "X-Lark-Request-Nonce", nonce, "X-Lark-Signature", signature));
    }

    private static String feishuEncrypt(String plaintext) {
        try {
            byte[] iv = new byte[16];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(
                    MessageDigest.getInstance("SHA-256").digest(FEISHU_ENCRYPT_KEY.getBytes(StandardCharsets.UTF_8)),
                    "AES"), new IvParameterSpec(iv));
            byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(16 + encrypted.length).put(iv)
                    .put(encrypted).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * WeCom callback mode: the message XML encrypted as WXBizMsgCrypt does (AES-256-CBC, key Base64(EncodingAESKey
     * + "="), IV the key's first 16 bytes, random16 + length + XML + CorpID, PKCS#7 to 32 bytes), signed with
     * SHA-1 over the sorted token, timestamp, nonce and ciphertext.
     */
    static int weCom(String base, String from, String msgId, String text) {
        String xml = "<xml><ToUserName><![CDATA[" + WECOM_CORP + "]]></ToUserName><FromUserName><![CDATA[" + from
                + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + text + "]]></Content><MsgId>" + msgId + "</MsgId><AgentID>1000002</AgentID></xml>";
        String encrypted = weComEncrypt(xml);
        String timestamp = Long.toString(now());
        String nonce = Long.toString(new SecureRandom().nextInt(1_000_000_000));
        String[] parts = {WECOM_TOKEN, timestamp, nonce, encrypted};
        Arrays.sort(parts);
        String signature = HexFormat.of().formatHex(sha1(String.join("", parts)));
        String body = "<xml><ToUserName><![CDATA[" + WECOM_CORP + "]]></ToUserName><Encrypt><![CDATA[" + encrypted
                + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        return post(base + "/webhooks/wecom?msg_signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce,
                body, "text/xml", Map.of());
    }

    private static String weComEncrypt(String xml) {
        try {
            byte[] key = Base64.getDecoder().decode(WECOM_AES_KEY + "=");
            byte[] message = xml.getBytes(StandardCharsets.UTF_8);
            byte[] corp = WECOM_CORP.getBytes(StandardCharsets.UTF_8);
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            int length = 16 + 4 + message.length + corp.length;
            int pad = 32 - length % 32;
            ByteBuffer plain = ByteBuffer.allocate(length + pad).put(random).putInt(message.length).put(message).put(corp);
            for (int i = 0; i < pad; i++) {
                plain.put((byte) pad);
            }
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String algorithm, String key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha1(String data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static int post(String url, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("webhook " + url + " not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
