package io.qunguan.moderation.engine;

import java.util.List;

/** Masks personal data in evidence: an ID number keeps its first 6 and last 4 characters. */
public final class Masking {

    private Masking() {
    }

    /** {@code 110105199003071234} → {@code 110105********1234}. */
    public static String maskResidentId(CharSequence id) {
        StringBuilder masked = new StringBuilder(id);
        for (int i = 6; i < id.length() - 4; i++) {
            masked.setCharAt(i, '*');
        }
        return masked.toString();
    }

    /** The text with every personal-data finding masked. */
    public static String mask(CharSequence text, List<Finding> findings) {
        StringBuilder masked = new StringBuilder(text);
        for (Finding finding : findings) {
            if (finding.personalData()) {
                masked.replace(finding.start(), finding.end(),
                        maskResidentId(text.subSequence(finding.start(), finding.end())));
            }
        }
        return masked.toString();
    }
}
