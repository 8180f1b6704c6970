package io.qunguan.reporting.domain.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The archive's search on a realistic volume (IS-2): {@code archive-search.messages} generated Chinese work-chat
 * messages (20,000 by default, so every build runs it; {@code bench/archive-search} runs it on a million) over a year,
 * 2,000 chats and 5,000 people, loaded with COPY and the GIN index built; then a mix of auditor searches through
 * {@link Archive#search}, access-log write included, with p50/p95/p99 per kind printed and written to
 * {@code target/archive-search.txt}. Speed is measured, not asserted; what is asserted is that each search finds what
 * the generator put there.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class ArchiveSearchLoadIT {

    static final int CHATS = 2_000;
    static final int PEOPLE = 5_000;
    /** Every this many messages one mentions the rare code name the first search looks for. */
    static final int RARE_EVERY = 10_000;
    static final int SEARCHES_PER_KIND = 100;

    /** Work-chat vocabulary the messages are made of. */
    static final String[] WORDS = ("客户 名单 报表 会议 项目 进度 下班 审批 合同 发票 报销 周报 需求 上线 测试 预算 采购 供应商 "
            + "库存 发货 回款 季度 目标 考核 培训 招聘 面试 入职 离职 请假 加班 值班 巡检 故障 修复 版本 发布 评审 方案 设计 文档 "
            + "模板 数据 分析 指标 增长 渠道 活动 推广 投放 预算表 价格 折扣 订单 物流 仓库 质检 返工 工单 客服 投诉 回访 满意度 "
            + "风险 合规 审计 法务 财务 人事 行政 后勤 安全 消防 演练 通知 公告 议程 纪要 会议室 明天 今天 上午 下午 本周 下周 "
            + "月底 尽快 确认 跟进 处理 反馈 汇总 提交 更新 同步 协调 安排 准备 检查 核对 整理 上报 审核 批准 驳回 修改 补充")
            .split(" ");
    static final String[] ENDINGS = {"。", "，谢谢", "！", "？", "，辛苦了", "", "，请查收", "，收到请回复"};

    @Inject
    Archive archive;

    @Inject
    DataSource dataSource;

    /** One search kind: how it is built for the i-th run, and what it must find. */
    private record Kind(String name, IntFunction<Archive.Search> search) {
    }

    @Test
    void searchesOfEveryKindFindWhatWasArchivedAndTheirLatencyIsMeasured() throws Exception {
        int messages = Integer.getInteger("archive-search.messages", 20_000);
        String run = UUID.randomUUID().toString().substring(0, 6);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long loadStarted = System.nanoTime();
        int rare = load(run, messages, now);
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;

        Random random = new Random(7);
        OffsetDateTime yearAgo = now.minusDays(366);
        List<Kind> kinds = List.of(
                new Kind("rare phrase, whole archive", i -> new Archive.Search(null, null, yearAgo, now.plusDays(1),
                        "代号蓝鲸" + run, 200, null)),
                new Kind("very common word, whole archive", i -> new Archive.Search(null, null, yearAgo,
                        now.plusDays(1), "收到", 50, null)),
                new Kind("two words, whole archive", i -> new Archive.Search(null, null, yearAgo, now.plusDays(1),
                        WORDS[random.nextInt(WORDS.length)] + WORDS[random.nextInt(WORDS.length)], 50, null)),
                new Kind("group, last 30 days", i -> new Archive.Search(group(run, random.nextInt(CHATS)), null,
                        now.minusDays(30), now.plusDays(1), null, 50, null)),
                new Kind("group and word, a year", i -> new Archive.Search(group(run, random.nextInt(CHATS)), null,
                        yearAgo, now.plusDays(1), WORDS[random.nextInt(WORDS.length)], 50, null)),
                new Kind("person and word, a quarter", i -> new Archive.Search(null,
                        person(run, random.nextInt(PEOPLE)), now.minusDays(91), now.plusDays(1),
                        WORDS[random.nextInt(WORDS.length)], 50, null)),
                new Kind("word, last 7 days", i -> new Archive.Search(null, null, now.minusDays(7), now.plusDays(1),
                        WORDS[random.nextInt(WORDS.length)], 50, null)));
        AccessLog.Actor auditor = new AccessLog.Actor("A-load-" + run, List.of("auditor"));

        // what the searches must find: the rare phrase exactly where it was put, a group's and a person's own messages
        Archive.Page found = archive.search(kinds.get(0).search().apply(0), auditor);
        assertEquals(Math.min(rare, 200), found.items().size(), "the rare phrase's messages");
        assertTrue(found.items().stream().allMatch(m -> m.text().contains("代号蓝鲸" + run)), "every one holds it");
        Archive.Page ofGroup = archive.search(new Archive.Search(group(run, 3), null, yearAgo, now.plusDays(1), null,
                200, null), auditor);
        assertEquals(Math.min(expectedInChat(messages, 3), 200), ofGroup.items().size(), "chat 3's messages");
        assertTrue(ofGroup.items().stream().allMatch(m -> m.chatKey().equals("generic:" + chat(run, 3))));
        Archive.Page ofPerson = archive.search(new Archive.Search(null, person(run, 11), yearAgo, now.plusDays(1),
                null, 200, null), auditor);
        assertTrue(!ofPerson.items().isEmpty() && ofPerson.items().stream()
                .allMatch(m -> person(run, 11).equals(m.senderEmployeeId())), "person 11's messages");

        Map<String, double[]> latencies = new LinkedHashMap<>();
        List<Double> all = new ArrayList<>();
        for (Kind kind : kinds) {
            for (int i = 0; i < 10; i++) {
                archive.search(kind.search().apply(i), auditor);
            }
            double[] millis = new double[SEARCHES_PER_KIND];
            for (int i = 0; i < SEARCHES_PER_KIND; i++) {
                Archive.Search search = kind.search().apply(i);
                long started = System.nanoTime();
                archive.search(search, auditor);
                millis[i] = (System.nanoTime() - started) / 1e6;
                all.add(millis[i]);
            }
            Arrays.sort(millis);
            latencies.put(kind.name(), millis);
        }
        double[] overall = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "archive search: %,d messages generated (%,d in the archive), loaded and indexed in %.0f s; %d "
                        + "searches per kind after 10 warm-up, at Archive.search (access-log write included)%n",
                messages, count(), loadSeconds, SEARCHES_PER_KIND));
        report.append(String.format(Locale.ROOT, "%-30s %8s %8s %8s %8s%n", "kind", "p50 ms", "p95 ms", "p99 ms",
                "max ms"));
        latencies.forEach((name, millis) -> report.append(row(name, millis)));
        report.append(row("all", overall));
        System.out.println(report);
        Path figures = Path.of("target", "archive-search.txt");
        Files.createDirectories(figures.getParent());
        Files.writeString(figures, report);
    }

    private static String row(String name, double[] sorted) {
        return String.format(Locale.ROOT, "%-30s %8.1f %8.1f %8.1f %8.1f%n", name, percentile(sorted, 0.50),
                percentile(sorted, 0.95), percentile(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static String chat(String run, int i) {
        return "load-" + run + "-" + i;
    }

    static String group(String run, int i) {
        return "G-load-" + run + "-" + i;
    }

    static String person(String run, int i) {
        return "E-load-" + run + "-" + i;
    }

    /** Message i is sent by this person: everyone sends, once there are as many messages as people. */
    static int sender(int i) {
        return (int) ((i * 7_919L) % PEOPLE);
    }

    /** Message i is in chat i mod CHATS. */
    static int expectedInChat(int messages, int chat) {
        return messages / CHATS + (chat < messages % CHATS ? 1 : 0);
    }

    /** Generates and COPYs the messages, the chats' groups and the people's accounts; the number of rare ones. */
    private int load(String run, int messages, OffsetDateTime now) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            StringBuilder groups = new StringBuilder();
            for (int i = 0; i < CHATS; i++) {
                groups.append("generic:").append(chat(run, i)).append('\t').append(group(run, i)).append('\n');
            }
            pg.getCopyAPI().copyIn("COPY group_replica_chat (chat_key, group_id) FROM STDIN",
                    new StringReader(groups.toString()));
            StringBuilder accounts = new StringBuilder();
            for (int i = 0; i < PEOPLE; i++) {
                accounts.append("generic:u-").append(run).append('-').append(i).append('\t').append(person(run, i))
                        .append('\n');
            }
            pg.getCopyAPI().copyIn("COPY person_account (platform_user, employee_id) FROM STDIN",
                    new StringReader(accounts.toString()));

            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP INDEX IF EXISTS archived_message_search");
            }
            Random random = new Random(42);
            long yearMillis = Duration.ofDays(365).toMillis();
            int rare = 0;
            int batch = 50_000;
            for (int start = 0; start < messages; start += batch) {
                StringBuilder rows = new StringBuilder();
                for (int i = start; i < Math.min(messages, start + batch); i++) {
                    String text = text(random, run, i % RARE_EVERY == RARE_EVERY / 2);
                    if (i % RARE_EVERY == RARE_EVERY / 2) {
                        rare++;
                    }
                    String chatKey = "generic:" + chat(run, i % CHATS);
                    OffsetDateTime sentAt = now.minusNanos((long) (random.nextDouble() * yearMillis) * 1_000_000L);
                    rows.append(UUID.randomUUID()).append('\t').append(chatKey).append('\t')
                            .append(group(run, i % CHATS)).append("\tgeneric\tm-").append(i).append("\tgeneric:u-")
                            .append(run).append('-').append(sender(i)).append("\t张三\tTEXT\t")
                            .append(text).append('\t').append(sentAt).append('\t')
                            .append(ArchiveText.vector(text)).append('\n');
                }
                pg.getCopyAPI().copyIn("COPY archived_message (event_id, chat_key, group_id, platform, message_id, "
                        + "sender_id, sender_name, kind, text, sent_at, search) FROM STDIN",
                        new StringReader(rows.toString()));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE INDEX archived_message_search ON archived_message USING GIN (search)");
                statement.execute("ANALYZE archived_message");
                statement.execute("ANALYZE group_replica_chat");
                statement.execute("ANALYZE person_account");
            }
            return rare;
        }
    }

    private static String text(Random random, String run, boolean rare) {
        if (!rare && random.nextInt(10) == 0) {
            return "收到";
        }
        StringBuilder text = new StringBuilder();
        int words = 2 + random.nextInt(8);
        for (int w = 0; w < words; w++) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
            if (random.nextInt(5) == 0) {
                text.append(random.nextInt(100));
            }
        }
        if (rare) {
            text.append("，项目代号蓝鲸").append(run);
        }
        return text.append(ENDINGS[random.nextInt(ENDINGS.length)]).toString();
    }

    private long count() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM archived_message")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
