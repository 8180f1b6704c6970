package io.qunguan.notification.domain.acknowledgements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qunguan.notification.domain.groups.NoticePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BH-6 in words: which messages are notices to acknowledge, and which replies acknowledge, on labelled examples. */
class NoticeWordsTest {

    private final NoticeWords words = new NoticeWords(NoticePolicy.DEFAULT_MARKERS, NoticePolicy.DEFAULT_KEYWORDS);

    @Test
    void bh6NoticesAreMarkedOrCallEveryoneWithANoticeWord() {
        List.of("【通知】明天上午9点全员大会，请准时参加", "通知：本周五下午停电检修", "@所有人 请大家今天下班前提交周报",
                "@all 通知 the office is closed on Friday", "【公告】新的报销流程即日起执行").forEach(text ->
                assertTrue(words.isNotice(text), text));
        List.of("今天的通知大家看了吗", "@张三 请今天提交周报", "收到", "【群管提醒】请注意群内发言规范",
                "【群管通知】明天停电").forEach(text -> assertFalse(words.isNotice(text), text));
    }

    @Test
    void bh6ShortRepliesWithTheWordsAcknowledgeAndLongerOnesDoNot() {
        List<String> acknowledging = List.of("收到", "收到！", "收到，马上执行", "收到了", "好的", "好的👌", "OK", "ok!",
                "Ｏｋ", "👌", "马上执行", "执行", "已阅", "@王主任 收到", "收到~谢谢", "好的，收到");
        List<String> not = List.of("好的问题，我再想想", "收到的文件打不开", "OKR 什么时候交", "这个会议室在哪里？",
                "执行不了，系统报错", "好", "呵呵", "");
        long acknowledged = acknowledging.stream().filter(words::acknowledges).count();
        long wronglyAcknowledged = not.stream().filter(words::acknowledges).count();
        assertEquals(acknowledging.size(), acknowledged,
                "missed: " + acknowledging.stream().filter(text -> !words.acknowledges(text)).toList());
        assertEquals(0, wronglyAcknowledged, "taken for acknowledgements: "
                + not.stream().filter(words::acknowledges).toList());
    }

    @Test
    void bh6ThePolicysOwnWordsAndMarkersReplaceTheDefaults() {
        NoticeWords own = new NoticeWords(List.of("#通知#"), List.of("已知悉"));
        assertTrue(own.isNotice("#通知# 周会改到周三"));
        assertFalse(own.isNotice("【通知】周会改到周三"));
        assertTrue(own.acknowledges("已知悉。"));
        assertFalse(own.acknowledges("收到"));
    }
}
