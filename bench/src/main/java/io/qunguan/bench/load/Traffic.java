package io.qunguan.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qunguan.events.EventJson;
import io.qunguan.testkit.BridgeClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The messages of a run and their delivery: signed generic webhooks, clean work chat and messages that break CT-4
 * (an ID number) in the given share, over many chats and members, with some deliveries repeated as a platform
 * repeats them. A message's id says its run and step, so what reaches moderation and reporting is counted per step.
 */
final class Traffic {

    /** One webhook to send. */
    record Message(String id, String body, boolean violating, boolean duplicate) {
    }

    /** BridgeClient's webhook timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The status recorded for a webhook that was not answered within {@link #TIMEOUT}. */
    static final int TIMED_OUT = -1;
    /** The status recorded for a webhook whose connection failed. */
    static final int FAILED = -2;
    private static final List<String> CLEAN = List.of("收到，下午三点前把方案发群里", "明天例会改到十点，请相互转告",
            "这个需求我来跟进，预计周五完成", "报销单已经提交，麻烦审批一下", "客户那边反馈还不错，继续推进",
            "会议纪要已上传共享盘", "今天的日报：完成接口联调，修复两个问题", "好的，我下班前确认一下库存",
            "请大家更新一下本周的进度表", "样品明天寄出，单号稍后发");
    private static final String ID_NUMBER = "11010519491231002X";

    private final String secret;
    private final String run;
    private final LoadRun.Options options;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    /** The latest messages, some of which are delivered again. */
    private final AtomicReferenceArray<Message> recent = new AtomicReferenceArray<>(1024);

    Traffic(String secret, String run, LoadRun.Options options) {
        this.secret = secret;
        this.run = run;
        this.options = options;
    }

    /** The id prefix of a step's messages. */
    String prefix(String step) {
        return "ld-" + run + "-" + step + "-";
    }

    Message next(String step, long n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (n > 100 && random.nextDouble() < options.duplicates()) {
            Message again = recent.get(random.nextInt(recent.length()));
            if (again != null) {
                return new Message(again.id(), again.body(), again.violating(), true);
            }
        }
        int chat = random.nextInt(options.chats());
        // fifty members a chat: a busy chat is still a conversation, not one person flooding it (BH-1)
        int member = chat * 50 + random.nextInt(50);
        boolean violating = random.nextDouble() < options.violating();
        String text = violating ? "请帮我登记一下，身份证号 " + ID_NUMBER + "，谢谢"
                : CLEAN.get(random.nextInt(CLEAN.size())) + "（" + n + "）";
        String id = prefix(step) + n;
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        body.put("id", id);
        body.put("type", "message");
        body.putObject("chat").put("id", "load-chat-" + chat).put("name", "销售部-华东" + chat + "组");
        body.putObject("sender").put("id", "load-u-" + member).put("name", "销售部-员工" + member);
        body.put("kind", "text");
        body.put("text", text);
        body.put("sentAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString());
        body.putArray("mentions");
        Message message = new Message(id, body.toString(), violating, false);
        recent.set((int) (n % recent.length()), message);
        return message;
    }

    /** Sends {@code message} to group-service at {@code baseUrl}; the answer's status, or TIMED_OUT or FAILED. */
    int send(String baseUrl, Message message) {
        try {
            return client.send(BridgeClient.webhook(baseUrl, message.body(), secret),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            return TIMED_OUT;
        } catch (IOException e) {
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }
}
