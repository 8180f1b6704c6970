package io.qunguan.moderation.domain.clarity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BH-8: a work notice states its subject and a time that can be read. A message marked as a notice (it starts with
 * one of the policy's markers, or calls everyone with {@code @所有人}/{@code @all} and a notice word) that has almost
 * nothing besides the marker, or gives a time that is no time (25:00, 2月30日) or is left open (时间待定, 另行通知), gets a
 * reminder. Deliberately narrow: a message that is not marked as a notice is never judged.
 */
public final class ClearMessages {

    /** The markers of a notice when the policy names none. */
    public static final List<String> DEFAULT_MARKERS = List.of("【通知】", "【公告】", "【会议通知】", "通知：", "通知:",
            "公告：", "公告:");
    private static final List<String> EVERYONE = List.of("@所有人", "@全体成员", "@all", "@everyone");
    private static final List<String> NOTICE_WORDS = List.of("通知", "公告", "请各位", "请大家", "各位同事");
    private static final List<String> OPEN_TIMES = List.of("时间待定", "时间另行通知", "另行通知", "时间再定", "时间稍后通知",
            "改天再定", "具体时间待定", "日期待定", "时间未定");
    private static final Pattern CLOCK = Pattern.compile("(?<![0-9])([0-9]{1,2})[:：]([0-9]{2})(?![0-9])");
    private static final Pattern DATE = Pattern.compile("(?<![0-9])([0-9]{1,2})月([0-9]{1,2})[日号]");
    private static final Pattern HOUR = Pattern.compile("(?<![0-9])([0-9]{1,2})点");

    /** What is unclear about a notice. */
    public record Unclear(String reason) {
    }

    private final List<String> markers;
    private final int minSubjectChars;

    /** @param minSubjectChars how many letters and digits a notice needs besides its marker and mentions */
    public ClearMessages(List<String> markers, int minSubjectChars) {
        this.markers = List.copyOf(markers);
        this.minSubjectChars = minSubjectChars;
    }

    /** Why {@code text} is an unclear notice; empty for a clear one or for a message that is no notice. */
    public Optional<Unclear> judge(String text) {
        String stripped = text.strip();
        String lower = stripped.toLowerCase(Locale.ROOT);
        String marker = markers.stream().filter(stripped::startsWith).findFirst().orElse(null);
        boolean everyone = EVERYONE.stream().anyMatch(lower::contains) && NOTICE_WORDS.stream().anyMatch(lower::contains);
        if (marker == null && !everyone) {
            return Optional.empty();
        }
        String rest = marker == null ? stripped : stripped.substring(marker.length());
        for (String call : EVERYONE) {
            rest = rest.replaceAll("(?i)" + Pattern.quote(call), "");
        }
        for (String word : NOTICE_WORDS) {
            rest = rest.replace(word, "");
        }
        long substance = rest.codePoints().filter(Character::isLetterOrDigit).count();
        if (substance < minSubjectChars) {
            return Optional.of(new Unclear("a notice without a subject"));
        }
        for (String open : OPEN_TIMES) {
            if (stripped.contains(open)) {
                return Optional.of(new Unclear("the time is left open (" + open + ")"));
            }
        }
        Matcher clock = CLOCK.matcher(stripped);
        while (clock.find()) {
            if (Integer.parseInt(clock.group(1)) > 24 || Integer.parseInt(clock.group(2)) > 59) {
                return Optional.of(new Unclear("no such time " + clock.group()));
            }
        }
        Matcher hour = HOUR.matcher(stripped);
        while (hour.find()) {
            if (Integer.parseInt(hour.group(1)) > 24) {
                return Optional.of(new Unclear("no such time " + hour.group()));
            }
        }
        Matcher date = DATE.matcher(stripped);
        while (date.find()) {
            try {
                // a leap year, so 2月29日 is a date
                LocalDate.of(2028, Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)));
            } catch (DateTimeException e) {
                return Optional.of(new Unclear("no such date " + date.group()));
            }
        }
        return Optional.empty();
    }
}
