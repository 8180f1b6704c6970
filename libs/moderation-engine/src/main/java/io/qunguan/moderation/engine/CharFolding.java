package io.qunguan.moderation.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * What every UTF-16 unit of a message means to the matcher, computed once per JVM: the canonical character
 * it folds to (compatibility form, lower case, no diacritics, Latin for Cyrillic/Greek look-alikes,
 * Simplified for Traditional) and its kind. Lexicon terms are folded with the same table, so both sides
 * meet in one alphabet.
 */
final class CharFolding {

    /** A letter or ideograph; its folded form is a lexicon character. */
    static final byte LETTER = 0;
    /** An ASCII digit after folding ({@code ３} → {@code 3}). */
    static final byte DIGIT = 1;
    /** Spaces, symbols, punctuation, format and zero-width characters: transparent between term characters. */
    static final byte SEPARATOR = 2;
    /** Clause punctuation ({@code ，。；！？} and line breaks): a single one between two characters is a boundary. */
    static final byte CLAUSE = 3;
    /** A symbol that stands for a letter inside Latin words ({@code @} a, {@code $} s). */
    static final byte LEET_SYMBOL = 4;
    /** The first half of a surrogate pair: the pair decides (mathematical letters fold, emoji separate). */
    static final byte HIGH_SURROGATE = 5;
    /** {@code .}: a separator that may also be part of a link. */
    static final byte DOT = 6;

    private static final char[] FOLDED = new char[65536];
    private static final byte[] KIND = new byte[65536];

    /** Pairs of a look-alike letter (Cyrillic, Greek, Latin extensions) and the Latin letter it imitates. */
    private static final String CONFUSABLES =
            "аaвbеeкkмmнhоoрpсcтtуyхxѕsіiјjһhԁdӏlԛqԝwѵvүyɡgɑaɩiοoνvρpτtυuχxκkιiαaεeηnμuβbγyω"
            + "wδdλlπnσoςcθoϲcℓlɪiꞮiʟl";
    private static final String CLAUSE_MARKS = "，。；！？、：,;!?\n\r\u2028\u2029";

    static {
        for (int c = 0; c < 65536; c++) {
            fold((char) c);
        }
        int[] confusables = CONFUSABLES.codePoints().toArray();
        for (int i = 0; i + 1 < confusables.length; i += 2) {
            if (confusables[i] < 65536) {
                FOLDED[confusables[i]] = (char) confusables[i + 1];
                KIND[confusables[i]] = LETTER;
                // the upper-case form folded to this lower-case one already; point it at the Latin letter too
                char upper = Character.toUpperCase((char) confusables[i]);
                if (upper != confusables[i] && KIND[upper] == LETTER && FOLDED[upper] == confusables[i]) {
                    FOLDED[upper] = (char) confusables[i + 1];
                }
            }
        }
        loadTraditionalToSimplified();
        for (char c : CLAUSE_MARKS.toCharArray()) {
            KIND[c] = CLAUSE;
        }
        KIND['@'] = LEET_SYMBOL;
        KIND['$'] = LEET_SYMBOL;
        FOLDED['＠'] = '@';
        KIND['＠'] = LEET_SYMBOL;
        KIND['.'] = DOT;
        KIND['．'] = DOT;
        FOLDED['．'] = '.';
    }

    private CharFolding() {
    }

    private static void fold(char c) {
        if (Character.isHighSurrogate(c)) {
            FOLDED[c] = c;
            KIND[c] = HIGH_SURROGATE;
            return;
        }
        if (Character.isLowSurrogate(c) || ignorable(c)) {
            FOLDED[c] = ' ';
            KIND[c] = SEPARATOR;
            return;
        }
        char folded = foldLetter(c);
        FOLDED[c] = folded;
        if (folded >= '0' && folded <= '9') {
            KIND[c] = DIGIT;
        } else if (Character.isLetter(folded) || Character.isIdeographic(folded)) {
            KIND[c] = LETTER;
        } else {
            KIND[c] = SEPARATOR;
        }
    }

    /** Zero-width, format, variation selectors and combining marks: they carry no letter. */
    private static boolean ignorable(char c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.CONTROL && c != '\n' && c != '\r' || (c >= 0xFE00 && c <= 0xFE0F);
    }

    private static char foldLetter(char c) {
        String compatible = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
        char folded = compatible.length() == 1 ? compatible.charAt(0) : c;
        folded = Character.toLowerCase(folded);
        String decomposed = Normalizer.normalize(String.valueOf(folded), Normalizer.Form.NFD);
        if (decomposed.length() > 1 && decomposed.charAt(0) < 128 && Character.isLetter(decomposed.charAt(0))) {
            folded = decomposed.charAt(0);
        }
        return folded;
    }

    private static void loadTraditionalToSimplified() {
        try (InputStream in = CharFolding.class.getResourceAsStream("tables/t2s.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.length() == 2 && !line.startsWith("#")) {
                    char traditional = line.charAt(0);
                    char simplified = line.charAt(1);
                    FOLDED[traditional] = simplified;
                    KIND[traditional] = LETTER;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a compatibility ideograph may fold to a Traditional one: apply the mapping once more
        for (int c = 0; c < 65536; c++) {
            char once = FOLDED[c];
            if (once != c && KIND[c] == LETTER && KIND[once] == LETTER && FOLDED[once] != once) {
                FOLDED[c] = FOLDED[once];
            }
        }
    }

    static char folded(char c) {
        return FOLDED[c];
    }

    static byte kind(char c) {
        return KIND[c];
    }

    /** Marks returned by {@link #foldedAt} for characters that are not letters. */
    static final char GAP = 0;
    static final char CLAUSE_GAP = 1;
    /** A supplementary letter with no BMP form (CJK extension B and the like): a letter no term uses. */
    static final char UNKNOWN_LETTER = '\uFFFF';

    private static final int SUPPLEMENTARY_FROM = 0x1D400;
    private static final char[] SUPPLEMENTARY = new char[0x1F200 - SUPPLEMENTARY_FROM];

    static {
        // mathematical alphanumerics, enclosed alphanumeric supplement: letters in disguise
        for (int cp = SUPPLEMENTARY_FROM; cp < 0x1F200; cp++) {
            String compatible = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
            char letter = GAP;
            if (compatible.length() == 1) {
                char c = compatible.charAt(0);
                letter = KIND[c] == LETTER || KIND[c] == DIGIT ? FOLDED[c] : GAP;
            } else if (cp >= 0x1F130 && cp <= 0x1F189) {
                // squared and negative circled Latin capitals (🅰): no compatibility form, same letters
                letter = (char) ('a' + (cp - 0x1F130) % 26);
            }
            SUPPLEMENTARY[cp - SUPPLEMENTARY_FROM] = letter;
        }
    }

    /** The folded letter of a supplementary code point: a letter in disguise, a letter no term uses, or a gap. */
    static char foldedSupplementary(int codePoint) {
        if (codePoint >= SUPPLEMENTARY_FROM && codePoint < SUPPLEMENTARY_FROM + SUPPLEMENTARY.length) {
            return SUPPLEMENTARY[codePoint - SUPPLEMENTARY_FROM];
        }
        return Character.isLetter(codePoint) ? UNKNOWN_LETTER : GAP;
    }

    /**
     * What the character at {@code i} reads as: its folded letter or digit, {@link #GAP} or {@link #CLAUSE_GAP}.
     * {@code i} is not the low half of a surrogate pair; a pair reads as one character. A digit or {@code @}/
     * {@code $} next to a Latin letter reads as the letter it imitates ({@code p0rn}).
     */
    static char foldedAt(CharSequence text, int i) {
        char c = text.charAt(i);
        switch (KIND[c]) {
            case LETTER:
                return FOLDED[c];
            case DIGIT:
            case LEET_SYMBOL: {
                char folded = FOLDED[c];
                char leet = leetLetter(folded);
                if (leet != 0 && latinNeighbour(text, i)) {
                    return leet;
                }
                return KIND[c] == DIGIT ? folded : GAP;
            }
            case HIGH_SURROGATE:
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    return foldedSupplementary(Character.toCodePoint(c, text.charAt(i + 1)));
                }
                return GAP;
            case CLAUSE:
                return CLAUSE_GAP;
            default:
                return GAP;
        }
    }

    private static boolean latinNeighbour(CharSequence text, int i) {
        if (i > 0) {
            char previous = text.charAt(i - 1);
            if (KIND[previous] == LETTER && isLatin(FOLDED[previous])) {
                return true;
            }
        }
        if (i + 1 < text.length()) {
            char next = text.charAt(i + 1);
            return KIND[next] == LETTER && isLatin(FOLDED[next]);
        }
        return false;
    }

    /** Whether a value of {@link #foldedAt} is a letter or digit. */
    static boolean isLetter(char folded) {
        return folded > CLAUSE_GAP;
    }

    /** The letter a digit or symbol stands for inside a Latin word ({@code p0rn}, {@code sh1t}, {@code @ss}). */
    static char leetLetter(char folded) {
        return switch (folded) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            case '8' -> 'b';
            default -> 0;
        };
    }

    static boolean isLatin(char folded) {
        return folded >= 'a' && folded <= 'z';
    }

    /** Folds a lexicon term: the letters and digits it reads as, gaps dropped. */
    static String foldTerm(String term) {
        StringBuilder out = new StringBuilder(term.length());
        for (int i = 0; i < term.length(); i++) {
            char folded = foldedAt(term, i);
            if (KIND[term.charAt(i)] == HIGH_SURROGATE && i + 1 < term.length()) {
                i++;
            }
            if (isLetter(folded) && folded != UNKNOWN_LETTER) {
                out.append(folded);
            }
        }
        return out.toString();
    }
}
