package io.qunguan.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Benchmark data, generated from a seed so every run measures the same text: a dictionary of Chinese terms
 * (2–4 of the 3,755 common GB 2312 characters) and English terms (4–9 letters), and chat messages of 10–80
 * characters built from ordinary work-chat words, about 2 % of them carrying a dictionary term.
 */
final class BenchData {

    static final long SEED = 20261121L;
    private static final String[] CHAT_WORDS = {"收到", "好的", "明天", "上午", "下午", "开会", "项目", "进度", "客户",
        "需求", "确认", "周报", "提交", "谢谢", "大家", "辛苦", "文档", "更新", "请", "查收", "评审", "方案", "预算",
        "合同", "审批", "一下", "已经", "我们", "这个", "问题", "处理", "安排", "时间", "地点", "会议室", "线上",
        "同步", "数据", "报表", "测试", "上线", "版本", "修改", "意见", "反馈", "跟进", "负责", "完成", "，", "。",
        " ", "！", "？", "、", "OK", "ppt", "demo", "review", "😀"};

    final List<String> terms;
    final String[] messages;
    final long characters;

    private BenchData(List<String> terms, String[] messages) {
        this.terms = terms;
        this.messages = messages;
        long total = 0;
        for (String message : messages) {
            total += message.length();
        }
        this.characters = total;
    }

    static BenchData generate(int termCount, int messageCount) {
        SplittableRandom random = new SplittableRandom(SEED);
        char[] common = commonHanzi();
        Set<String> terms = new LinkedHashSet<>();
        while (terms.size() < termCount) {
            StringBuilder term = new StringBuilder();
            if (random.nextInt(5) == 0) {
                int length = 4 + random.nextInt(6);
                for (int i = 0; i < length; i++) {
                    term.append((char) ('a' + random.nextInt(26)));
                }
            } else {
                int length = 2 + random.nextInt(3);
                for (int i = 0; i < length; i++) {
                    term.append(common[random.nextInt(common.length)]);
                }
            }
            terms.add(term.toString());
        }
        List<String> termList = new ArrayList<>(terms);
        String[] messages = new String[messageCount];
        for (int m = 0; m < messageCount; m++) {
            int length = 10 + random.nextInt(71);
            StringBuilder message = new StringBuilder(length + 10);
            while (message.length() < length) {
                message.append(CHAT_WORDS[random.nextInt(CHAT_WORDS.length)]);
            }
            if (random.nextInt(100) < 2) {
                String term = termList.get(random.nextInt(termList.size()));
                message.insert(random.nextInt(message.length()), term);
            }
            messages[m] = message.length() > 80 ? message.substring(0, 80) : message.toString();
        }
        return new BenchData(termList, messages);
    }

    /** The same messages with personal data or a link in about 2 % of them, for the full scan. */
    String[] withPersonalDataAndLinks() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        String[] extras = {"13800138000", "11010519491231002X", "zhang.san@example.com", "http://t.cn/abc",
            "6222021234567890128", "bet365.com"};
        String[] out = messages.clone();
        for (int m = 0; m < out.length; m++) {
            if (random.nextInt(100) < 2) {
                out[m] = out[m] + " " + extras[random.nextInt(extras.length)];
            }
        }
        return out;
    }

    /** A lexicon directory with one category holding the dictionary. */
    Path writeLexicon() {
        try {
            Path dir = Files.createTempDirectory("qunguan-bench-lexicon");
            Files.writeString(dir.resolve("lexicon.properties"), "categories=bench\nbench.rule=CT-6\nbench.severity=LOW\n");
            Files.write(dir.resolve("bench.txt"), terms, StandardCharsets.UTF_8);
            dir.toFile().deleteOnExit();
            dir.resolve("lexicon.properties").toFile().deleteOnExit();
            dir.resolve("bench.txt").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GB 2312 level 1: rows 16–55, the most common characters. */
    private static char[] commonHanzi() {
        Charset gb2312 = Charset.forName("GB2312");
        StringBuilder out = new StringBuilder();
        for (int row = 0xB0; row <= 0xD7; row++) {
            for (int cell = 0xA1; cell <= 0xFE; cell++) {
                String decoded = gb2312.decode(ByteBuffer.wrap(new byte[] {(byte) row, (byte) cell})).toString();
                if (decoded.length() == 1 && Character.isIdeographic(decoded.charAt(0))) {
                    out.append(decoded);
                }
            }
        }
        return out.toString().toCharArray();
    }
}
