package io.qunguan.moderation.engine;

import java.util.List;
import java.util.function.Consumer;

/**
 * The forms a lexicon term is matched in. Every term matches folded (so Traditional, full-width, upper-case
 * and look-alike forms are covered by the alphabet, not by variants). A high-risk term ({@code !} in its
 * file) written in Hanzi also matches:
 * <ul>
 *   <li>pinyin for any subset of its characters ({@code dai开fa票}, {@code daikaifapiao}); a two-character
 *       term spelled out in full ({@code dubo}) is marked {@link Variant#inContext}: a two-syllable spelling
 *       is as often a person's name, so it stands only beside a context word of its category;</li>
 *   <li>its initials, for terms of four characters or more ({@code dkfp});</li>
 *   <li>one character swapped for a common character read the same ({@code 薇信}), unless the result
 *       contains an ordinary word from {@code words.txt} ({@code 读博} is not {@code 赌博}).</li>
 * </ul>
 * Gaps between pinyin syllables are allowed; elsewhere in a Latin word they must be letter by letter.
 */
final class TermVariants {

    /**
     * One form: its folded characters; bit {@code j}, whether a gap before character {@code j} is free; and
     * whether it stands only beside a context word of its category (a two-syllable spelling, often a name).
     */
    record Variant(String folded, long freeGaps, boolean inContext) {

        Variant(String folded, long freeGaps) {
            this(folded, freeGaps, false);
        }
    }

    private static final int MAX_MIXED_LENGTH = 6;

    private TermVariants() {
    }

    static void forEach(String term, boolean highRisk, List<String> innocentWords, Consumer<Variant> sink) {
        String folded = CharFolding.foldTerm(term);
        sink.accept(new Variant(folded, writtenGaps(term)));
        if (!highRisk || folded.length() < 2 || !allHanziWithReadings(folded)) {
            return;
        }
        int n = folded.length();
        for (int j = 0; j < n; j++) {
            for (char homophone : Pinyin.homophones(folded.charAt(j))) {
                String variant = folded.substring(0, j) + homophone + folded.substring(j + 1);
                if (!spellsWordAt(variant, j, innocentWords)) {
                    sink.accept(new Variant(variant, 0));
                }
            }
        }
        if (n <= MAX_MIXED_LENGTH) {
            for (int mask = 1; mask < 1 << n; mask++) {
                Variant variant = spelled(folded, mask);
                sink.accept(n == 2 && mask == 3 ? new Variant(variant.folded(), variant.freeGaps(), true) : variant);
            }
        } else {
            sink.accept(spelled(folded, (1 << n) - 1));
        }
        if (n >= 4) {
            StringBuilder initials = new StringBuilder();
            for (int j = 0; j < n; j++) {
                initials.append(Pinyin.reading(folded.charAt(j)).charAt(0));
            }
            if (!innocentWords.contains(initials.toString())) {
                sink.accept(new Variant(initials.toString(), 0));
            }
        }
    }

    /** Whether an ordinary word occurs in {@code variant} across position {@code j}. */
    private static boolean spellsWordAt(String variant, int j, List<String> words) {
        for (String word : words) {
            for (int at = variant.indexOf(word); at >= 0; at = variant.indexOf(word, at + 1)) {
                if (at <= j && j < at + word.length()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The term with the characters in {@code mask} spelled in pinyin; gaps free between syllables. */
    private static Variant spelled(String folded, int mask) {
        StringBuilder out = new StringBuilder();
        long free = 0;
        for (int j = 0; j < folded.length(); j++) {
            if (j > 0 && out.length() < 64) {
                free |= 1L << out.length();
            }
            out.append((mask & 1 << j) != 0 ? Pinyin.reading(folded.charAt(j)) : String.valueOf(folded.charAt(j)));
        }
        return new Variant(out.toString(), free);
    }

    /** Gaps written in the lexicon term itself ({@code blow job}) are free. */
    private static long writtenGaps(String term) {
        long free = 0;
        int letters = 0;
        boolean gap = false;
        for (int i = 0; i < term.length(); i++) {
            // read in context, as foldTerm does: a leet digit or @ inside a word is a letter, not a gap
            char folded = CharFolding.foldedAt(term, i);
            if (Character.isHighSurrogate(term.charAt(i)) && i + 1 < term.length()) {
                i++;
            }
            if (!CharFolding.isLetter(folded) || folded == CharFolding.UNKNOWN_LETTER) {
                gap = letters > 0;
            } else {
                if (gap && letters < 64) {
                    free |= 1L << letters;
                }
                gap = false;
                letters++;
            }
        }
        return free;
    }

    private static boolean allHanziWithReadings(String folded) {
        for (int j = 0; j < folded.length(); j++) {
            if (!Character.isIdeographic(folded.charAt(j)) || Pinyin.reading(folded.charAt(j)) == null) {
                return false;
            }
        }
        return true;
    }
}
