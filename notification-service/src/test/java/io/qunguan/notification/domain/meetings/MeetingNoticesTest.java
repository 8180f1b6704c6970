package io.qunguan.notification.domain.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MT-1 and MT-2 in words: meeting notices and minutes recognised, and what a notice states read from it. */
class MeetingNoticesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Wednesday 2 December 2026, 10:00 in Shanghai. */
    private static final OffsetDateTime POSTED = OffsetDateTime.parse("2026-12-02T10:00:00+08:00");
    private static final List<String> ALL = List.of("topic", "time", "place", "agenda");

    @Test
    void mt1ANoticeWithLabelledLinesStatesEveryPart() {
        MeetingNotices.Read read = MeetingNotices.read("""
                【会议通知】
                主题：第四季度销售复盘
                时间：12月4日 14:00-15:30
                地点：3楼大会议室
                议程：1. 各区域汇报 2. 明年计划""", POSTED, SHANGHAI);
        assertEquals("第四季度销售复盘", read.topic());
        assertEquals(OffsetDateTime.parse("2026-12-04T14:00+08:00"), read.startsAt());
        assertEquals(OffsetDateTime.parse("2026-12-04T15:30+08:00"), read.endsAt());
        assertEquals("3楼大会议室", read.place());
        assertTrue(read.agenda().startsWith("1. 各区域汇报"));
        assertEquals(List.of(), read.missing(ALL));
    }

    @Test
    void mt1RelativeDaysAndSpokenClocksAreRead() {
        assertEquals(OffsetDateTime.parse("2026-12-03T15:00+08:00"),
                MeetingNotices.read("会议通知：明天下午3点开周会", POSTED, SHANGHAI).startsAt());
        assertEquals(OffsetDateTime.parse("2026-12-09T09:30+08:00"),
                MeetingNotices.read("会议通知：下周三上午9点半例会", POSTED, SHANGHAI).startsAt());
        assertEquals(OffsetDateTime.parse("2026-12-05T09:30+08:00"),
                MeetingNotices.read("会议通知 时间：2026-12-05 09:30", POSTED, SHANGHAI).startsAt());
        assertEquals(OffsetDateTime.parse("2027-01-05T10:00+08:00"),
                MeetingNotices.read("会议通知：1月5日 10:00 年度总结", POSTED, SHANGHAI).startsAt());
    }

    @Test
    void mt1WhatANoticeLeavesOutIsNamed() {
        MeetingNotices.Read read = MeetingNotices.read("会议通知：明天开会，时间待定", POSTED, SHANGHAI);
        assertNull(read.startsAt());
        assertEquals(List.of("topic", "time", "place", "agenda"), read.missing(ALL));
        assertEquals(List.of("place"), MeetingNotices.read("【会议通知】主题：周会 时间：12月3日 10:00 议程：进度", POSTED,
                SHANGHAI).missing(ALL));
    }

    @Test
    void mt1Mt2NoticesAndMinutesAreToldApartFromOtherMessages() {
        assertTrue(MeetingNotices.isNotice("【会议通知】主题：周会"));
        assertTrue(MeetingNotices.isNotice("会议通知：明天下午3点"));
        assertFalse(MeetingNotices.isNotice("刚才的会议通知大家看到了吗"));
        assertFalse(MeetingNotices.isNotice("【群管】会议通知：周会"));
        assertTrue(MeetingNotices.isMinutes("【会议纪要】1. 确定明年目标"));
        assertTrue(MeetingNotices.isMinutes("会议纪要：今天讨论了三件事"));
        assertFalse(MeetingNotices.isMinutes("谁来写会议纪要？"));
    }
}
