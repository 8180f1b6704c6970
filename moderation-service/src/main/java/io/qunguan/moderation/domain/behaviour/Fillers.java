package io.qunguan.moderation.domain.behaviour;

import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import java.util.Locale;
import java.util.Set;

/**
 * What buries information when it comes in runs (BH-1): stickers, messages of emoji and punctuation only, likes and
 * greetings; and short messages.
 */
final class Fillers {

    private static final Set<String> WORDS = Set.of("赞", "点赞", "+1", "1", "顶", "好", "嗯", "哈", "哈哈", "哈哈哈",
            "早", "早安", "早上好", "大家早上好", "中午好", "下午好", "晚上好", "晚安", "大家好", "good morning", "morning",
            "gm", "like", "lol");

    private Fillers() {
    }

    /** A sticker, or a text of emoji and punctuation only, or a like or greeting on its own. */
    static boolean filler(MessagePosted message) {
        if (message.kind() == MessageKind.STICKER) {
            return true;
        }
        if (message.kind() != MessageKind.TEXT) {
            return false;
        }
        String text = message.text().strip();
        if (text.isEmpty()) {
            return false;
        }
        String words = text.replaceAll("[\\p{P}\\p{S}\\s~～]+$", "").toLowerCase(Locale.ROOT);
        return WORDS.contains(words) || text.codePoints().allMatch(Fillers::emojiOrPunctuation);
    }

    /** A text message of at most {@code length} characters that are not spaces. */
    static boolean shortText(MessagePosted message, int length) {
        return message.kind() == MessageKind.TEXT
                && message.text().codePoints().filter(point -> !Character.isWhitespace(point)).count() <= length;
    }

    private static boolean emojiOrPunctuation(int point) {
        int type = Character.getType(point);
        return Character.isWhitespace(point) || type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL
                || type == Character.MODIFIER_SYMBOL || type == Character.NON_SPACING_MARK
                || type == Character.FORMAT || type == Character.SURROGATE
                || type >= Character.DASH_PUNCTUATION && type <= Character.OTHER_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION;
    }
}
