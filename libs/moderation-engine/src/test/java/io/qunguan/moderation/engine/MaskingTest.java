package io.qunguan.moderation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a violation keeps of a message (security finding 5): the offending spans in context, everything masked. */
class MaskingTest {

    private static final ModerationEngine ENGINE = ModerationEngine.starter();

    private static String evidence(String text) {
        List<Finding> found = ENGINE.scan(text);
        return Masking.evidence(text, found, found, 10);
    }

    @Test
    void aLongMessageKeepsOnlyItsOffendingSpansWithContext() {
        String text = "今天的周会纪要如下：一、项目进度正常；二、客户反馈良好；三、周末一起去网赌吧；四、下周继续跟进报价；五、其他事项无。";
        String kept = evidence(text);
        assertEquals("…良好；三、周末一起去网赌吧；四、下周继续跟进…", kept);
        assertFalse(kept.contains("周会纪要"), "what is far from the finding is not kept");
    }

    @Test
    void spansCloseTogetherShareOneExcerptAndFarOnesAreJoinedByAnEllipsis() {
        String near = "你这个傻逼，真是脑残";
        assertEquals(near, evidence(near));
        String far = "网赌" + "。".repeat(40) + "刷单返利";
        assertEquals("网赌" + "。".repeat(10) + "…" + "。".repeat(10) + "刷单返利", evidence(far));
    }

    @Test
    void anyLongDigitRunIsMaskedButItsLastFourEvenWhenNoDetectorKnowsIt() {
        // an ID number whose check digit is wrong, an account number, a number split by spaces and dashes
        assertEquals("身份证 **************0021 账号 ***6789 电话 *** **** 5678 金额 300 元",
                Masking.maskDigitRuns("身份证 110105194912310021 账号 1236789 电话 021 1234 5678 金额 300 元"));
        assertEquals("６个数字 123456 不算长", Masking.maskDigitRuns("６个数字 123456 不算长"));
        assertEquals("全角 ***５６７８", Masking.maskDigitRuns("全角 １２３５６７８"));
    }

    @Test
    void validatedPersonalDataIsMaskedAsBeforeInsideTheExcerpt() {
        String text = "我的身份证号是11010519491231002X，麻烦登记";
        assertEquals("我的身份证号是110105********002X，麻烦登记", evidence(text));
        String unvalidated = "请把钱转到卡号 6222021234567890127，发票抬头写公司，" + "谢谢".repeat(30) + " 顺便网赌";
        String kept = Masking.evidence(unvalidated, ENGINE.scan(unvalidated), ENGINE.scan(unvalidated), 10);
        assertTrue(kept.endsWith("谢谢 顺便网赌"), kept);
        assertFalse(Masking.maskDigitRuns(unvalidated).contains("62220212345"), "a card that fails Luhn is still hidden");
    }

    @Test
    void aViolationWithoutASpanKeepsTheMessagesBeginning() {
        String text = "深夜打扰一下，明天的方案我再改一版，大家有空看看，电话 13800138000";
        assertEquals("深夜打扰一下，明天的方案我再改一版，大家…", Masking.evidence(text, ENGINE.scan(text), List.of(), 10));
    }
}
