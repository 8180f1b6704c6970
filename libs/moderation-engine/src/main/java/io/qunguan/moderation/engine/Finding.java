package io.qunguan.moderation.engine;

import java.util.Set;

/**
 * One hit in a message.
 *
 * @param category lexicon category, or the category a built-in detector reports under
 * @param ruleId   POLICIES.md duty, e.g. {@code CT-6}
 * @param severity {@code LOW}, {@code MEDIUM}, {@code HIGH} or {@code CRITICAL}
 * @param start    offset of the hit's first char in the original text
 * @param end      offset after its last char; the span covers the evasive form as written ({@code 賭*博})
 * @param term     the canonical lexicon term that matched, or the detector's name
 */
public record Finding(String category, String ruleId, String severity, int start, int end, String term) {

    private static final Set<String> PERSONAL_DATA =
            Set.of(Lexicon.RESIDENT_ID, Lexicon.PHONE, Lexicon.BANK_CARD, Lexicon.EMAIL);

    /** Whether the hit is personal data that must be masked in evidence. */
    public boolean personalData() {
        return PERSONAL_DATA.contains(term);
    }

    /** The original text of the hit. */
    public String text(CharSequence message) {
        return message.subSequence(start, end).toString();
    }
}
