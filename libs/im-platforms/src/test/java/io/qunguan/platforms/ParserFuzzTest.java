package io.qunguan.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.qunguan.platforms.crypto.WxBizMsgCipher;
import io.qunguan.platforms.dingtalk.DingTalkEvents;
import io.qunguan.platforms.dingtalk.DingTalkRobot;
import io.qunguan.platforms.feishu.FeishuApp;
import io.qunguan.platforms.feishu.FeishuEvents;
import io.qunguan.platforms.generic.GenericPayloadParser;
import io.qunguan.platforms.onebot.OneBotBridge;
import io.qunguan.platforms.onebot.OneBotEvents;
import io.qunguan.platforms.slack.SlackApp;
import io.qunguan.platforms.slack.SlackEvents;
import io.qunguan.platforms.wecom.WeComApp;
import io.qunguan.platforms.wecom.WeComCallback;
import io.qunguan.testkit.BridgeClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A bounded mutation fuzzer for every platform's verifier and parser: valid deliveries are mutated (bit flips, random
 * and structural bytes, cuts, splices, deep nesting, huge numbers) and, where the platform signs the body, signed
 * again so the mutation reaches the parser. The only exception allowed out is {@link WebhookRejectedException}
 * (a 4xx); anything else would be a 500 and a platform retrying forever. The seed is logged: set
 * {@code -Dqunguan.fuzz.seed=<seed>} to replay a failure, {@code -Dqunguan.fuzz.iterations=N} to fuzz longer.
 */
class ParserFuzzTest {

    private static final System.Logger LOG = System.getLogger(ParserFuzzTest.class.getName());
    private static final byte[] STRUCTURE = "{}[]\":,\\<>&;!-/ \n\t0123456789eE+-.nulltruefalse\u0000\uFFFD".getBytes(StandardCharsets.UTF_8);

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String DEFAULT = "default";

    private final SlackEvents slack = new SlackEvents(Map.of(DEFAULT, new SlackApp("8f742231b10e8888abcd99yyyzzz85a5",
            Optional.empty(), Optional.of("T0QUNGUAN"), WINDOW)), Clock.systemUTC());
    private final OneBotEvents oneBot = new OneBotEvents(Map.of(DEFAULT, new OneBotBridge(Optional.of("onebot-secret"),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("10000"), WINDOW)), Clock.systemUTC());
    private final FeishuEvents feishu = new FeishuEvents(Map.of(DEFAULT, new FeishuApp("feishu-verification-token",
            Optional.empty(), Optional.of("feishu-encrypt-key"), Optional.empty(), Optional.of("cli_qunguan"), WINDOW, false)),
            Clock.systemUTC());
    private final DingTalkEvents dingTalk = new DingTalkEvents(Map.of(), Map.of(DEFAULT,
            new DingTalkRobot("dingtalk-robot-app-secret", Optional.empty(), WINDOW, Optional.empty())), Clock.systemUTC());
    private final WeComCallback weCom = new WeComCallback(Map.of(DEFAULT, new WeComApp("wx5823bf96d3bd56c7", "QDG6eK",
            "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", Optional.empty(), Optional.empty(), WINDOW)),
            Clock.systemUTC());
    private final GenericPayloadParser generic = new GenericPayloadParser();

    private final long seed = Long.getLong("qunguan.fuzz.seed", System.nanoTime());
    private final int iterations = Integer.getInteger("qunguan.fuzz.iterations", 1500);
    private final Random random = new Random(seed);

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void mutatedDeliveriesAreRejectedCleanlyOrAcceptedNeverA500() {
        LOG.log(System.Logger.Level.INFO, "fuzzing the platform parsers with seed {0}, {1} iterations each", seed,
                iterations);
        List<String> escaped = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            fuzz("slack", escaped, List.of("""
                    {"token":"t","team_id":"T0QUNGUAN","api_app_id":"A1","type":"event_callback","event_id":"Ev1",
                     "event_time":1763600000,"event":{"type":"message","channel":"C1","user":"U1","text":"hi <@U2>",
                     "ts":"1763600000.000100","thread_ts":"1763500000.000100","files":[{"mimetype":"image/png"}]}}""",
                    """
                    {"token":"t","team_id":"T0QUNGUAN","type":"event_callback","event_id":"Ev2","event":{
                     "type":"member_joined_channel","user":"U1","channel":"C1","inviter":"U2"}}""",
                    "{\"type\":\"url_verification\",\"challenge\":\"abc\"}"), body -> {
                        String ts = Long.toString(now());
                        slack.receive(DEFAULT, ts, SlackEvents.sign("8f742231b10e8888abcd99yyyzzz85a5", ts, body), body);
                    });
            fuzz("onebot", escaped, List.of("""
                    {"time":%d,"self_id":10000,"post_type":"message","message_type":"group","message_id":-2147483000,
                     "group_id":123456,"user_id":20001,"message":[{"type":"at","data":{"qq":"20002"}},{"type":"text",
                     "data":{"text":"hi"}},{"type":"reply","data":{"id":"9"}}],"sender":{"card":"销售部-张三"}}"""
                            .formatted(now()),
                    """
                    {"time":%d,"self_id":10000,"post_type":"message","message_type":"group","message_id":7,"group_id":1,
                     "user_id":2,"message":"[CQ:at,qq=3]hello&#91;[CQ:reply,id=5]"}""".formatted(now()),
                    """
                    {"time":%d,"self_id":10000,"post_type":"notice","notice_type":"group_decrease","sub_type":"kick",
                     "group_id":1,"user_id":2,"operator_id":3}""".formatted(now())), body ->
                    oneBot.receive(DEFAULT, OneBotEvents.sign("onebot-secret", body), null, body));
            fuzz("feishu", escaped, List.of("""
                    {"schema":"2.0","header":{"event_id":"e1","event_type":"im.message.receive_v1","create_time":"1763600000000",
                     "token":"feishu-verification-token","app_id":"cli_qunguan","tenant_key":"t"},"event":{"sender":{
                     "sender_id":{"open_id":"ou_1","user_id":"u1"}},"message":{"message_id":"om_1","chat_id":"oc_1","create_time":"1763600000000",
                     "chat_type":"group","message_type":"post","content":"{\\"title\\":\\"t\\",\\"content\\":[[{\\"tag\\":\\"text\\",\\"text\\":\\"x\\"}]]}",
                     "mentions":[{"key":"@_user_1","id":{"open_id":"ou_2"},"name":"李四"}]}}}""",
                    """
                    {"schema":"2.0","header":{"event_id":"e2","event_type":"im.chat.member.user.deleted_v1","create_time":"1763600000000",
                     "token":"feishu-verification-token","app_id":"cli_qunguan"},"event":{"chat_id":"oc_1",
                     "users":[{"user_id":{"open_id":"ou_1"}}],"operator_id":{"open_id":"ou_9"}}}"""), plaintext -> {
                        String encrypted = "{\"encrypt\":\"" + FeishuEvents.encrypt(new String(plaintext,
                                StandardCharsets.UTF_8), "feishu-encrypt-key") + "\"}";
                        byte[] body = encrypted.getBytes(StandardCharsets.UTF_8);
                        String ts = Long.toString(now());
                        feishu.receive(DEFAULT, ts, "n1", FeishuEvents.sign(ts, "n1", "feishu-encrypt-key", body), body);
                    });
            fuzz("dingtalk-robot", escaped, List.of("""
                    {"conversationId":"cid1","atUsers":[{"dingtalkId":"$:bot"},{"dingtalkId":"x","staffId":"li01"}],
                     "chatbotUserId":"$:bot","msgId":"m1","senderNick":"张三","senderStaffId":"zhang01","createAt":1763600000000,
                     "conversationType":"2","text":{"content":" hi"},"msgtype":"text"}""",
                    """
                    {"conversationId":"cid1","msgId":"m2","senderStaffId":"zhang01","conversationType":"2","createAt":1763600000000,
                     "content":{"richText":[{"text":"a"},{"pictureDownloadCode":"x"}]},"msgtype":"richText"}"""), body -> {
                        String ts = Long.toString(System.currentTimeMillis());
                        dingTalk.receiveRobot(DEFAULT, ts, DingTalkEvents.robotSign("dingtalk-robot-app-secret", ts), body);
                    });
            WxBizMsgCipher cipher = new WxBizMsgCipher("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
                    "wx5823bf96d3bd56c7");
            fuzz("wecom", escaped, List.of(
                    "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>"
                            + "<CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>"
                            + "<MsgId>1234</MsgId><AgentID>1000002</AgentID></xml>",
                    "<xml><ToUserName>wx5823bf96d3bd56c7</ToUserName><CreateTime>" + now() + "</CreateTime><MsgType>event</MsgType>"
                            + "<Event>change_external_chat</Event><ChatId>wr1</ChatId><ChangeType>update</ChangeType>"
                            + "<UpdateDetail>add_member</UpdateDetail><MemChangeList><Item>wm1</Item></MemChangeList></xml>"), xml -> {
                        String encrypted = cipher.encrypt(new String(xml, StandardCharsets.UTF_8));
                        String ts = Long.toString(now());
                        byte[] body = ("<xml><ToUserName>wx5823bf96d3bd56c7</ToUserName><Encrypt><![CDATA[" + encrypted
                                + "]]></Encrypt></xml>").getBytes(StandardCharsets.UTF_8);
                        weCom.receive(DEFAULT, WxBizMsgCipher.signature("QDG6eK", ts, "n1", encrypted), ts, "n1", body);
                    });
            fuzz("generic", escaped, List.of(BridgeClient.message("m1", "c1", "u1", "张三", "hi"),
                    BridgeClient.memberJoined("c1", "u2", "销售部-李四", "u1")),
                    body -> generic.parse(body));
        });
        assertEquals(List.of(), escaped, "seed " + seed + ": exceptions other than a rejection escaped");
    }

    private void fuzz(String platform, List<String> escaped, List<String> seeds, Consumer<byte[]> receiver) {
        List<byte[]> corpus = seeds.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        // every seed must pass as it is: a harness that signs wrongly would have every mutation refused unread
        for (byte[] seedInput : corpus) {
            try {
                receiver.accept(seedInput);
            } catch (RuntimeException e) {
                escaped.add(platform + ": the unmutated seed was refused: " + e);
            }
        }
        int accepted = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] input = mutate(corpus.get(random.nextInt(corpus.size())), corpus);
            try {
                receiver.accept(input);
                accepted++;
            } catch (WebhookRejectedException rejected) {
                // a clean 4xx
            } catch (RuntimeException | StackOverflowError e) {
                if (escaped.size() < 5) {
                    escaped.add(platform + ": " + e + " for " + Base64.getEncoder().encodeToString(input));
                }
            }
        }
        LOG.log(System.Logger.Level.INFO, "{0}: {1} of {2} mutated deliveries accepted, the rest rejected", platform,
                accepted, iterations);
    }

    private byte[] mutate(byte[] seedInput, List<byte[]> corpus) {
        byte[] data = seedInput.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            if (data.length == 0) {
                data = new byte[] {(byte) random.nextInt(256)};
            }
            int at = random.nextInt(data.length);
            data = switch (random.nextInt(8)) {
                case 0 -> flip(data, at);
                case 1 -> replace(data, at, (byte) random.nextInt(256));
                case 2 -> insert(data, at, new byte[] {STRUCTURE[random.nextInt(STRUCTURE.length)]});
                case 3 -> cut(data, at, 1 + random.nextInt(Math.max(1, data.length - at)));
                case 4 -> insert(data, at, slice(corpus.get(random.nextInt(corpus.size()))));
                case 5 -> insert(data, at, ("[".repeat(2000) + "]".repeat(random.nextBoolean() ? 2000 : 0))
                        .getBytes(StandardCharsets.UTF_8));
                case 6 -> insert(data, at, "99999999999999999999999999".getBytes(StandardCharsets.UTF_8));
                default -> Arrays.copyOf(data, at);
            };
        }
        return data;
    }

    private static byte[] flip(byte[] data, int at) {
        data[at] ^= (byte) (1 << (at % 8));
        return data;
    }

    private static byte[] replace(byte[] data, int at, byte value) {
        data[at] = value;
        return data;
    }

    private static byte[] insert(byte[] data, int at, byte[] piece) {
        byte[] out = new byte[data.length + piece.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(data, at, out, at + piece.length, data.length - at);
        return out;
    }

    private static byte[] cut(byte[] data, int at, int length) {
        int end = Math.min(data.length, at + length);
        byte[] out = new byte[data.length - (end - at)];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(data, end, out, at, data.length - end);
        return out;
    }

    private byte[] slice(byte[] source) {
        int from = random.nextInt(source.length);
        int to = Math.min(source.length, from + 1 + random.nextInt(40));
        return Arrays.copyOfRange(source, from, to);
    }
}
