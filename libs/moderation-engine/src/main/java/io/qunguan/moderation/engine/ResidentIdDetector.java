package io.qunguan.moderation.engine;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * Mainland resident ID numbers (GB 11643): 18 characters, a real birth date, and the ISO 7064 MOD 11-2
 * check character. A run of digits longer than 18 is not an ID number.
 */
final class ResidentIdDetector {

    static final String CATEGORY = "resident-id";

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private ResidentIdDetector() {
    }

    static void scan(CharSequence text, Consumer<int[]> hit) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
            int end = i;
            if (end - start == 17 && end < length && (text.charAt(end) == 'X' || text.charAt(end) == 'x')) {
                end++;
                i++;
            }
            if (end - start == 18 && (end == length || !Character.isLetterOrDigit(text.charAt(end)))
                    && valid(text.subSequence(start, end))) {
                hit.accept(new int[] {start, end});
            }
        }
    }

    /** Whether {@code id} is a valid 18-character resident ID number. */
    static boolean valid(CharSequence id) {
        if (id.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            char c = id.charAt(k);
            if (!isDigit(c)) {
                return false;
            }
            sum += (c - '0') * WEIGHTS[k];
        }
        char check = Character.toUpperCase(id.charAt(17));
        if (check != CHECK[sum % 11]) {
            return false;
        }
        try {
            LocalDate birth = LocalDate.of(number(id, 6, 10), number(id, 10, 12), number(id, 12, 14));
            return !birth.isBefore(LocalDate.of(1900, 1, 1)) && !birth.isAfter(LocalDate.now());
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static int number(CharSequence text, int from, int to) {
        return Integer.parseInt(text.subSequence(from, to).toString());
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static List<String> categories() {
        return List.of(CATEGORY);
    }
}
