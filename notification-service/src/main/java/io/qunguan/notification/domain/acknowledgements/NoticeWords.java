package io.qunguan.notification.domain.acknowledgements;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * BH-6 in words: which group messages are notices everyone must acknowledge, and which replies acknowledge one.
 * Deliberately narrow on both sides: a notice starts with one of the policy's markers or calls everyone with a notice
 * word; an acknowledgement starts with one of the policy's words and says little else ({@code 收到}, {@code 收到，马上执行},
 * {@code OK👌}), so a question that happens to begin with {@code 好的} is not taken for one.
 */
public final class NoticeWords {

    private static final List<String> EVERYONE = List.of("@所有人", "@全体成员", "@all", "@everyone", "@channel");
    private static final List<String> NOTICE_WORDS = List.of("通知", "公告", "请各位", "请大家", "各位同事", "请全体");
    /** What Qunguan itself posts in chats begins with this; its own posts are never notices to track. */
    public static final String OWN_POST = "【群管";
    /** Words that may follow an acknowledgement without changing it. */
    private static final Pattern TAIL = Pattern.compile(
            "^[\\p{P}\\p{S}\\s了啦哈呢嗯的哦噢呀滴]*(马上执行|马上办|马上处理|立即执行|执行|明白|了解|已阅|谢谢|辛苦了|好的|ok|收到)?"
                    + "[\\p{P}\\p{S}\\s了啦哈呢嗯的哦噢呀滴!！~～]*$");
    private static final Pattern LEADING_MENTIONS = Pattern.compile("^(\\s*@[^\\s@]+\\s*)+");

    private final List<String> markers;
    private final List<String> keywords;

    public NoticeWords(List<String> markers, List<String> keywords) {
        this.markers = List.copyOf(markers);
        this.keywords = keywords.stream().map(NoticeWords::fold).filter(word -> !word.isEmpty()).toList();
    }

    /** Whether a message is a notice its group must acknowledge. */
    public boolean isNotice(String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty() || stripped.startsWith(OWN_POST)) {
            return false;
        }
        if (markers.stream().anyMatch(stripped::startsWith)) {
            return true;
        }
        String lower = stripped.toLowerCase(Locale.ROOT);
        return EVERYONE.stream().anyMatch(lower::contains) && NOTICE_WORDS.stream().anyMatch(lower::contains);
    }

    /** Whether a reply acknowledges: one of the words, with at most another of them, particles and punctuation. */
    public boolean acknowledges(String text) {
        if (text == null) {
            return false;
        }
        String folded = fold(LEADING_MENTIONS.matcher(text).replaceFirst(""));
        for (String keyword : keywords) {
            if (folded.startsWith(keyword)) {
                String rest = folded.substring(keyword.length());
                boolean wordBoundary = rest.isEmpty() || !Character.isLetterOrDigit(keyword.codePointAt(0))
                        || keyword.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                        || !Character.isLetterOrDigit(rest.codePointAt(0));
                if (wordBoundary && TAIL.matcher(rest).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Width, case and spacing folded the same way for the words and the reply. */
    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }
}
