package io.qunguan.moderation.engine;

import java.util.Comparator;
import java.util.List;

/**
 * Masks personal data in evidence, keeping enough to recognise it: an ID number its first 6 and last 4
 * characters ({@code 110105********002X}), a phone its first 3 and last 4, a bank card its last 4, an e-mail
 * address the first character of its local part and its domain. Grouping characters are kept. Any other run of
 * {@value #LONG_DIGIT_RUN} or more digits (an account, an ID the checksum refused, a number split by spaces or
 * dashes) keeps only its last 4.
 */
public final class Masking {

    /** A digit run this long is masked whatever it is: 7 digits is a landline, more an account or an ID. */
    public static final int LONG_DIGIT_RUN = 7;

    private Masking() {
    }

    /**
     * What a violation keeps of a message: each offending span with {@code context} characters either side, joined
     * by "…", everything in them masked (personal data and long digit runs). A violation found in no span (quiet
     * hours, flooding) keeps the message's first {@code 2 × context} characters.
     *
     * @param found     every finding of the message, for masking
     * @param offending the findings the violation is for
     */
    public static String evidence(CharSequence text, List<Finding> found, List<Finding> offending, int context) {
        // masking keeps the length, so the findings' offsets still hold
        String masked = maskDigitRuns(mask(text, found));
        List<Finding> spans = offending.stream().filter(finding -> finding.end() > finding.start())
                .sorted(Comparator.comparingInt(Finding::start)).toList();
        if (spans.isEmpty()) {
            return masked.length() <= 2 * context ? masked : masked.substring(0, cut(masked, 2 * context)) + "…";
        }
        StringBuilder out = new StringBuilder();
        int from = -1;
        int to = -1;
        for (Finding span : spans) {
            int start = Math.max(0, span.start() - context);
            int end = Math.min(masked.length(), span.end() + context);
            if (from >= 0 && start <= to) {
                to = Math.max(to, end);
                continue;
            }
            if (from >= 0) {
                excerpt(out, masked, from, to);
            }
            from = start;
            to = end;
        }
        excerpt(out, masked, from, to);
        if (to < masked.length()) {
            out.append('…');
        }
        return out.toString();
    }

    private static void excerpt(StringBuilder out, String text, int from, int to) {
        if (from > 0) {
            out.append('…');
        }
        out.append(text, cut(text, from), cut(text, to));
    }

    /** An offset moved off the middle of a surrogate pair. */
    private static int cut(String text, int at) {
        return at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at)) ? at + 1 : at;
    }

    /**
     * Masks every run of {@value #LONG_DIGIT_RUN} or more digits, single spaces or dashes between them allowed,
     * but its last 4 digits.
     */
    public static String maskDigitRuns(CharSequence text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            if (!Character.isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int end = i;
            int digits = 0;
            int j = i;
            while (j < text.length()) {
                char c = text.charAt(j);
                if (Character.isDigit(c)) {
                    digits++;
                    end = ++j;
                } else if ((c == ' ' || c == '-') && j + 1 < text.length() && Character.isDigit(text.charAt(j + 1))) {
                    j++;
                } else {
                    break;
                }
            }
            if (digits >= LONG_DIGIT_RUN) {
                out.replace(start, end, keepDigits(text.subSequence(start, end), 4));
            }
            i = end;
        }
        return out.toString();
    }

    private static String keepDigits(CharSequence run, int tail) {
        int total = 0;
        for (int i = 0; i < run.length(); i++) {
            total += Character.isDigit(run.charAt(i)) ? 1 : 0;
        }
        StringBuilder out = new StringBuilder(run.length());
        int seen = 0;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (Character.isDigit(c)) {
                out.append(seen++ < total - tail ? '*' : c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
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
