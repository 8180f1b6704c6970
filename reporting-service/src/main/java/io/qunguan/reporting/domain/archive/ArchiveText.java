package io.qunguan.reporting.domain.archive;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the archive indexes text for search. Chinese has no spaces between words, and PostgreSQL's parsers do not cut
 * it, so a run of Han (or kana, hangul) characters is indexed as each overlapping pair at its first character's
 * position, and its first and last characters alone (客户名单 → 客@1 客户@1 户名@2 名单@3 单@4), and any other run of letters and digits
 * as a lower-cased word (cut to {@link #MAX_WORD} characters, as PostgreSQL refuses long lexemes); width and
 * compatibility forms are folded first (ＶＩＰ → vip). A query is tokenised the same way — a run of two or more
 * characters by its pairs, a lone character by itself — and each term is a phrase whose tokens must stand at the same
 * distances as in the text ({@code <->}, {@code <2>}): 客户名单 does not match 名单上的客户, and 加V matches 请加V. No
 * dictionary: a word the company invents tomorrow is found as well.
 */
public final class ArchiveText {

    /** Tokens kept per message: bounded, so a vector stays far below PostgreSQL's 1 MB. */
    static final int MAX_TOKENS = 4_000;
    /** The characters a word is cut to: PostgreSQL refuses a lexeme of 2 KB or more. */
    static final int MAX_WORD = 64;

    /** A token at a position (1-based, as in a tsvector). */
    record Token(String text, int position) {
    }

    private ArchiveText() {
    }

    /** The tsvector of a message's text, in PostgreSQL's input form: {@code '客':1 '客户':1 '户':2 'vip':3}. */
    public static String vector(String text) {
        StringBuilder vector = new StringBuilder();
        for (Token token : tokens(text, true)) {
            if (!vector.isEmpty()) {
                vector.append(' ');
            }
            vector.append('\'').append(token.text()).append("':").append(Math.min(token.position(), 16_383));
        }
        return vector.toString();
    }

    /**
     * The tsquery of what an auditor typed, in PostgreSQL's input form: each space-separated term a phrase of its
     * tokens at their distances, the terms all required ({@code ('客户' <-> '户名') & ('qq' <-> '号')}); empty when
     * it holds nothing searchable.
     */
    public static String query(String typed) {
        List<String> phrases = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String term : normalise(typed).split("\\s+")) {
            List<Token> tokens = tokens(term, false);
            if (tokens.isEmpty()) {
                continue;
            }
            StringBuilder phrase = new StringBuilder("'" + tokens.get(0).text() + "'");
            for (int i = 1; i < tokens.size(); i++) {
                int distance = tokens.get(i).position() - tokens.get(i - 1).position();
                phrase.append(distance == 1 ? " <-> " : " <" + distance + "> ").append('\'')
                        .append(tokens.get(i).text()).append('\'');
            }
            if (seen.add(phrase.toString())) {
                phrases.add(tokens.size() > 1 ? "(" + phrase + ")" : phrase.toString());
            }
        }
        return String.join(" & ", phrases);
    }

    /** Whether the typed query has a term a lone Han character would be all of: too broad to search, refused. */
    public static boolean hasLoneCharacterTerm(String typed) {
        for (String term : normalise(typed).split("\\s+")) {
            List<Token> tokens = tokens(term, false);
            if (tokens.size() == 1 && tokens.get(0).text().codePointCount(0, tokens.get(0).text().length()) == 1
                    && ideographic(tokens.get(0).text().codePointAt(0))) {
                return true;
            }
        }
        return false;
    }

    static List<Token> tokens(String text) {
        return tokens(text, true);
    }

    /**
     * The tokens of {@code text}: a Han run's pairs at their first character's position and, when {@code indexing},
     * its first and last characters too (a query's run of two or more is matched by its pairs alone); a lone
     * character is itself.
     * Positions advance by one per character of a run and per word, alike for the index and a query.
     */
    private static List<Token> tokens(String text, boolean indexing) {
        String normalised = normalise(text);
        List<Token> tokens = new ArrayList<>();
        int[] points = normalised.codePoints().toArray();
        int position = 1;
        int i = 0;
        while (i < points.length && tokens.size() < MAX_TOKENS) {
            int point = points[i];
            if (ideographic(point)) {
                int end = i;
                while (end < points.length && ideographic(points[end])) {
                    end++;
                }
                int length = end - i;
                for (int j = i; j < end && tokens.size() < MAX_TOKENS; j++) {
                    int at = position + (j - i);
                    // a query's lone character beside a word can only match a run's first or last character:
                    // those are indexed alone too, the inner ones by their pairs only (half the vector, and
                    // common characters stay out of the index)
                    if (length == 1 || (indexing && (j == i || j == end - 1))) {
                        tokens.add(new Token(new String(points, j, 1), at));
                    }
                    if (j + 1 < end) {
                        tokens.add(new Token(new String(points, j, 2), at));
                    }
                }
                position += length;
                i = end;
            } else if (Character.isLetterOrDigit(point)) {
                int end = i;
                while (end < points.length && Character.isLetterOrDigit(points[end]) && !ideographic(points[end])) {
                    end++;
                }
                tokens.add(new Token(new String(points, i, Math.min(end - i, MAX_WORD)), position++));
                i = end;
            } else {
                i++;
            }
        }
        return tokens;
    }

    private static String normalise(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static boolean ideographic(int point) {
        Character.UnicodeScript script = Character.UnicodeScript.of(point);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
