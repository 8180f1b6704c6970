package io.qunguan.notification.domain.meetings;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MT-1 and MT-2 in words: recognises a meeting notice in a group message ({@code 【会议通知】}, {@code 会议通知：} …) and
 * reads its topic, time, place and agenda from labelled lines ({@code 主题：}, {@code 时间：}, {@code 地点：},
 * {@code 议程：}) or, for the time, from a date and a clock anywhere in it ({@code 12月5日 14:00-15:30},
 * {@code 明天下午3点}, {@code 2026-12-05 09:30}); recognises minutes ({@code 【会议纪要】}, {@code 会议纪要：}).
 */
public final class MeetingNotices {

    /** What a meeting notice states; a part it does not state is null. */
    public record Read(String topic, OffsetDateTime startsAt, OffsetDateTime endsAt, String place, String agenda) {

        /** The parts of {@code required} ({@code topic}, {@code time}, {@code place}, {@code agenda}) it leaves out. */
        public List<String> missing(List<String> required) {
            List<String> missing = new ArrayList<>();
            for (String part : required) {
                boolean present = switch (part) {
                    case "topic" -> topic != null;
                    case "time" -> startsAt != null;
                    case "place" -> place != null;
                    case "agenda" -> agenda != null;
                    default -> true;
                };
                if (!present) {
                    missing.add(part);
                }
            }
            return missing;
        }
    }

    private static final List<String> NOTICE_MARKERS = List.of("【会议通知】", "会议通知：", "会议通知:", "【会议】",
            "会议通知");
    private static final List<String> MINUTES_MARKERS = List.of("【会议纪要】", "会议纪要：", "会议纪要:", "【纪要】",
            "纪要：", "纪要:", "会议纪要");
    private static final Pattern TOPIC = label("主题|会议主题|议题名称|事由");
    private static final Pattern TIME = label("时间|会议时间");
    private static final Pattern PLACE = label("地点|会议地点|会议室|地址|线上会议|会议链接");
    private static final Pattern AGENDA = label("议程|会议议程|议题|内容|会议内容");
    private static final Pattern ISO_DATE = Pattern.compile("(20[0-9]{2})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})[日号]?");
    private static final Pattern MONTH_DAY = Pattern.compile("(?<![0-9])([0-9]{1,2})月([0-9]{1,2})[日号]");
    private static final Pattern RELATIVE_DAY = Pattern.compile("(今天|明天|后天|下周|本周|周|星期)([一二三四五六日天])?");
    private static final Pattern CLOCK = Pattern.compile(
            "(上午|早上|中午|下午|晚上)?\\s*([0-9]{1,2})(?:[:：]([0-9]{2})|点(半|[0-9]{1,2}分?)?)"
                    + "(?:\\s*[-—~～至到]\\s*(上午|中午|下午|晚上)?\\s*([0-9]{1,2})(?:[:：]([0-9]{2})|点(半|[0-9]{1,2}分?)?))?");

    private MeetingNotices() {
    }

    private static Pattern label(String names) {
        // a value ends at the line's end, a semicolon, or the next label on the same line
        return Pattern.compile("(?:^|[\\n；;。，,\\s】])(?:" + names + ")\\s*[：:]\\s*([^\\n；;]+?)"
                + "(?=\\s+\\p{IsHan}{2,6}\\s*[：:]|[\\n；;]|$)", Pattern.MULTILINE);
    }

    /** Whether a message is a meeting notice. */
    public static boolean isNotice(String text) {
        String stripped = text == null ? "" : text.strip();
        return !stripped.startsWith("【群管") && NOTICE_MARKERS.stream().anyMatch(stripped::startsWith);
    }

    /** Whether a message is a meeting's minutes. */
    public static boolean isMinutes(String text) {
        String stripped = text == null ? "" : text.strip();
        return MINUTES_MARKERS.stream().anyMatch(stripped::startsWith);
    }

    /** What a notice posted at {@code postedAt} states, its times read in {@code zone}. */
    public static Read read(String text, OffsetDateTime postedAt, ZoneId zone) {
        String topic = labelled(TOPIC, text).orElse(null);
        String place = labelled(PLACE, text).orElse(null);
        String agenda = labelled(AGENDA, text).orElse(null);
        String timeText = labelled(TIME, text).orElse(text);
        OffsetDateTime[] times = times(timeText, postedAt, zone);
        if (times[0] == null && timeText != text) {
            times = times(text, postedAt, zone);
        }
        return new Read(topic, times[0], times[1], place, agenda);
    }

    private static Optional<String> labelled(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String value = matcher.group(1).strip();
        return value.isEmpty() || value.equals("待定") ? Optional.empty() : Optional.of(value);
    }

    /** Start and end (either null) of the first date with a clock in {@code text}. */
    private static OffsetDateTime[] times(String text, OffsetDateTime postedAt, ZoneId zone) {
        LocalDate posted = postedAt.atZoneSameInstant(zone).toLocalDate();
        LocalDate day = day(text, posted);
        Matcher clock = CLOCK.matcher(text);
        while (clock.find()) {
            if (clock.group(3) == null && clock.group(4) == null && !clock.group().contains("点")) {
                continue;
            }
            Optional<LocalTime> start = time(clock.group(1), clock.group(2), clock.group(3), clock.group(4));
            if (start.isEmpty() || day == null) {
                continue;
            }
            OffsetDateTime startsAt = ZonedDateTime.of(day, start.get(), zone).toOffsetDateTime();
            OffsetDateTime endsAt = null;
            if (clock.group(6) != null) {
                String period = clock.group(5) != null ? clock.group(5) : clock.group(1);
                endsAt = time(period, clock.group(6), clock.group(7), clock.group(8))
                        .map(end -> ZonedDateTime.of(day, end, zone).toOffsetDateTime())
                        .filter(end -> end.isAfter(startsAt)).orElse(null);
            }
            return new OffsetDateTime[] {startsAt, endsAt};
        }
        return new OffsetDateTime[] {null, null};
    }

    private static LocalDate day(String text, LocalDate posted) {
        try {
            Matcher iso = ISO_DATE.matcher(text);
            if (iso.find()) {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)));
            }
            Matcher monthDay = MONTH_DAY.matcher(text);
            if (monthDay.find()) {
                LocalDate date = LocalDate.of(posted.getYear(), Integer.parseInt(monthDay.group(1)),
                        Integer.parseInt(monthDay.group(2)));
                // a notice in December for 1月5日 means next year's
                return date.isBefore(posted.minusMonths(6)) ? date.plusYears(1) : date;
            }
        } catch (DateTimeException e) {
            return null;
        }
        Matcher relative = RELATIVE_DAY.matcher(text);
        while (relative.find()) {
            switch (relative.group(1)) {
                case "今天" -> {
                    return posted;
                }
                case "明天" -> {
                    return posted.plusDays(1);
                }
                case "后天" -> {
                    return posted.plusDays(2);
                }
                default -> {
                    if (relative.group(2) == null) {
                        continue;
                    }
                    DayOfWeek weekday = weekday(relative.group(2));
                    LocalDate thisWeek = posted.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(
                            TemporalAdjusters.nextOrSame(weekday));
                    if (relative.group(1).equals("下周")) {
                        return thisWeek.plusWeeks(1);
                    }
                    return relative.group(1).equals("本周") || !thisWeek.isBefore(posted) ? thisWeek
                            : thisWeek.plusWeeks(1);
                }
            }
        }
        return null;
    }

    private static DayOfWeek weekday(String name) {
        return switch (name) {
            case "一" -> DayOfWeek.MONDAY;
            case "二" -> DayOfWeek.TUESDAY;
            case "三" -> DayOfWeek.WEDNESDAY;
            case "四" -> DayOfWeek.THURSDAY;
            case "五" -> DayOfWeek.FRIDAY;
            case "六" -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }

    private static Optional<LocalTime> time(String period, String hourText, String minuteText, String halfOrMinutes) {
        int hour = Integer.parseInt(hourText);
        int minute = minuteText != null ? Integer.parseInt(minuteText)
                : halfOrMinutes == null ? 0 : halfOrMinutes.equals("半") ? 30
                : Integer.parseInt(halfOrMinutes.replace("分", ""));
        if (period != null && (period.equals("下午") || period.equals("晚上")) && hour < 12) {
            hour += 12;
        }
        if (period != null && period.equals("中午") && hour < 11) {
            hour += 12;
        }
        if (hour > 23 || minute > 59) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(hour, minute));
    }
}
