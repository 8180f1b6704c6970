package io.qunguan.moderation.engine;

import java.util.List;

/**
 * Masks personal data in evidence, keeping enough to recognise it: an ID number its first 6 and last 4
 * characters ({@code 110105********002X}), a phone its first 3 and last 4, a bank card its last 4, an e-mail
 * address the first character of its local part and its domain. Grouping characters are kept.
 */
public final class Masking {

    private Masking() {
    }

    /** {@code 110105199003071234} → {@code 110105********1234}. */
    public static String maskResidentId(CharSequence id) {
        return keep(id, 6, 4);
    }

    /** The text with every personal-data finding masked. */
    public static String mask(CharSequence text, List<Finding> findings) {
        StringBuilder masked = new StringBuilder(text);
        for (Finding finding : findings) {
            if (!finding.personalData()) {
                continue;
            }
            CharSequence span = text.subSequence(finding.start(), finding.end());
            String replacement = switch (finding.term()) {
                case Lexicon.RESIDENT_ID -> keep(span, 6, 4);
                // the four digits before the last four: 138****8000, +86 138****8000
                case Lexicon.PHONE -> keep(span, alphanumerics(span) - 8, 4);
                case Lexicon.BANK_CARD -> keep(span, 0, 4);
                default -> maskEmail(span);
            };
            masked.replace(finding.start(), finding.end(), replacement);
        }
        return masked.toString();
    }

    /** Masks the digits and letters of {@code value} except the first {@code head} and last {@code tail} of them. */
    private static String keep(CharSequence value, int head, int tail) {
        int total = alphanumerics(value);
        StringBuilder out = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(seen < head || seen >= total - tail ? c : '*');
                seen++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int alphanumerics(CharSequence value) {
        int total = 0;
        for (int i = 0; i < value.length(); i++) {
            total += Character.isLetterOrDigit(value.charAt(i)) ? 1 : 0;
        }
        return total;
    }

    private static String maskEmail(CharSequence email) {
        String value = email.toString();
        int at = Math.max(value.indexOf('@'), value.indexOf('＠'));
        if (at <= 0) {
            return "*".repeat(value.length());
        }
        return value.charAt(0) + "*".repeat(at - 1) + value.substring(at);
    }
}
