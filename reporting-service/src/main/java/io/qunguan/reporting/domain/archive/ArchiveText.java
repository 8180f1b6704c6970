package io.qunguan.reporting.domain.archive;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the archive indexes text for search. Chinese has no spaces between words, and PostgreSQL's parsers do not cut
 * it, so a run of Han (or kana, hangul) characters becomes its overlapping character bigrams (客户名单 → 客户 户名 名单;
 * a lone character is kept as itself) and any other run of letters and digits a lower-cased word; width and
 * compatibility forms are folded first (ＶＩＰ → vip). Each token keeps its position, so a query is a phrase: its
 * tokens must follow each other ({@code <->}). No dictionary: a word the company invents tomorrow is found as well.
 */
public final class ArchiveText {

    /** Tokens kept per message: positions beyond what a tsvector holds would be folded together anyway. */
    static final int MAX_TOKENS = 4_000;

    /** A token at a position (1-based, as in a tsvector). */
    record Token(String text, int position) {
    }

    private ArchiveText() {
    }

    /** The tsvector of a message's text, in PostgreSQL's input form: {@code '客户':1 '户名':2 'vip':3}. */
    public static String vector(String text) {
        StringBuilder vector = new StringBuilder();
        for (Token token : tokens(text)) {
            if (!vector.isEmpty()) {
                vector.append(' ');
            }
            vector.append('\'').append(token.text()).append("':").append(Math.min(token.position(), 16_383));
        }
        return vector.toString();
    }

    /**
     * The tsquery of what an auditor typed, in PostgreSQL's input form: each space-separated term a phrase of its
     * tokens, the terms all required ({@code '客户' <-> '户名' & 'vip'}); empty when it holds nothing searchable.
     */
    public static String query(String typed) {
        List<String> phrases = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String term : normalise(typed).split("\\s+")) {
            List<Token> tokens = tokens(term);
            if (tokens.isEmpty()) {
                continue;
            }
            String phrase = String.join(" <-> ", tokens.stream().map(token -> "'" + token.text() + "'").toList());
            if (seen.add(phrase)) {
                phrases.add(tokens.size() > 1 ? "(" + phrase + ")" : phrase);
            }
        }
        return String.join(" & ", phrases);
    }

    /** Whether the typed query has a term a lone Han character would be all of: too broad to index, refused. */
    public static boolean hasLoneCharacterTerm(String typed) {
        for (String term : normalise(typed).split("\\s+")) {
            List<Token> tokens = tokens(term);
            if (tokens.size() == 1 && tokens.get(0).text().codePointCount(0, tokens.get(0).text().length()) == 1
                    && ideographic(tokens.get(0).text().codePointAt(0))) {
                return true;
            }
        }
        return false;
    }

    static List<Token> tokens(String text) {
        String normalised = normalise(text);
        List<Token> tokens = new ArrayList<>();
        int[] points = normalised.codePoints().toArray();
        int i = 0;
        while (i < points.length && tokens.size() < MAX_TOKENS) {
            int point = points[i];
            if (ideographic(point)) {
                int end = i;
                while (end < points.length && ideographic(points[end])) {
                    end++;
                }
                if (end - i == 1) {
                    tokens.add(new Token(new String(points, i, 1), tokens.size() + 1));
                }
                for (int j = i; j + 1 < end && tokens.size() < MAX_TOKENS; j++) {
                    tokens.add(new Token(new String(points, j, 2), tokens.size() + 1));
                }
                i = end;
            } else if (Character.isLetterOrDigit(point)) {
                int end = i;
                while (end < points.length && Character.isLetterOrDigit(points[end]) && !ideographic(points[end])) {
                    end++;
                }
                tokens.add(new Token(new String(points, i, end - i), tokens.size() + 1));
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
