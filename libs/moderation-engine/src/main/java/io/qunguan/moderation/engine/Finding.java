package io.qunguan.moderation.engine;

/**
 * One hit in a message.
 *
 * @param category lexicon category or detector name
 * @param ruleId   POLICIES.md duty, e.g. {@code CT-6}
 * @param start    offset of the hit's first char in the original text
 * @param end      offset after its last char
 * @param term     the lexicon term that matched, or the detector's name
 */
public record Finding(String category, String ruleId, String severity, int start, int end, String term) {

    /** Whether the hit is personal data that must be masked in evidence. */
    public boolean personalData() {
        return category.equals(ResidentIdDetector.CATEGORY);
    }
}
