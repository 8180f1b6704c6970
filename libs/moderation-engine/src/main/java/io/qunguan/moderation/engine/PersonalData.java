package io.qunguan.moderation.engine;

import java.time.LocalDate;

/**
 * Personal data in runs of digits, validated rather than pattern-matched: mainland resident ID numbers
 * (GB 11643: a real birth date and the ISO 7064 MOD 11-2 check character), mobile numbers (11 digits,
 * 1[3-9]…, optionally +86, not part of a longer run) and bank cards (13–19 digits, Luhn, an issuer prefix).
 * A run may be grouped by single spaces or hyphens ({@code 138 0013 8000}) and written in full-width digits.
 * Works on the text in place: nothing is allocated unless something is found.
 */
final class PersonalData {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private PersonalData() {
    }

    static Hits scan(CharSequence text, Hits hits) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (digit(text, i) < 0) {
                i++;
                continue;
            }
            int start = i;
            int count = 0;
            int end = i;
            // the first four digits as a number: enough for the phone, +86 and issuer prefixes
            int leading = 0;
            while (i < n) {
                int d = digit(text, i);
                if (d >= 0) {
                    if (count < 4) {
                        leading = leading * 10 + d;
                    }
                    count++;
                    i++;
                    end = i;
                } else if (grouping(text.charAt(i)) && i + 1 < n && digit(text, i + 1) >= 0) {
                    i++;
                } else {
                    break;
                }
            }
            boolean checkX = count == 17 && end < n && (text.charAt(end) == 'X' || text.charAt(end) == 'x'
                    || text.charAt(end) == 'Ｘ');
            if (checkX) {
                end++;
                i++;
            }
            if (attachedToWord(text, start, end)) {
                continue;
            }
            hits = classify(text, start, end, count, leading, checkX, hits);
        }
        return hits;
    }

    private static Hits classify(CharSequence text, int start, int end, int count, int leading, boolean checkX,
            Hits hits) {
        if ((count == 18 || checkX) && residentId(text, start, end)) {
            return Hits.add(hits, Hits.RESIDENT_ID, start, end);
        }
        // mobile numbers: 1[3-9] and nine more digits, or the same after 86
        if (count == 11 && leading / 100 >= 13 && leading / 100 <= 19) {
            return Hits.add(hits, Hits.PHONE, start, end);
        }
        if (count == 13 && leading >= 8613 && leading <= 8619) {
            int from = start > 0 && text.charAt(start - 1) == '+' ? start - 1 : start;
            return Hits.add(hits, Hits.PHONE, from, end);
        }
        if (count >= 13 && count <= 19 && !checkX && luhn(text, start, end) && issuer(leading)) {
            return Hits.add(hits, Hits.BANK_CARD, start, end);
        }
        if (count >= 5 && count <= 11 && !checkX && leading >= 1000) {
            return Hits.add(hits, Hits.NUMBER, start, end);
        }
        return hits;
    }

    /** The digit at {@code i} (full-width folded), or -1. */
    static int digit(CharSequence text, int i) {
        char c = text.charAt(i);
        return CharFolding.kind(c) == CharFolding.DIGIT ? CharFolding.folded(c) - '0' : -1;
    }

    private static boolean grouping(char c) {
        return c == ' ' || c == '-' || c == '\u3000' || c == '－';
    }

    /** A run glued to Latin letters is a code ({@code SO13800138000}), not personal data. */
    private static boolean attachedToWord(CharSequence text, int start, int end) {
        return start > 0 && latin(text.charAt(start - 1)) || end < text.length() && latin(text.charAt(end));
    }

    private static boolean latin(char c) {
        return CharFolding.kind(c) == CharFolding.LETTER && CharFolding.isLatin(CharFolding.folded(c));
    }

    static boolean residentId(CharSequence text, int start, int end) {
        int sum = 0;
        int k = 0;
        int year = 0;
        int month = 0;
        int day = 0;
        char check = 0;
        for (int i = start; i < end; i++) {
            int d = digit(text, i);
            if (d < 0) {
                char c = text.charAt(i);
                if (k == 17 && (c == 'X' || c == 'x' || c == 'Ｘ')) {
                    check = 'X';
                    k++;
                }
                continue;
            }
            if (k < 17) {
                sum += d * WEIGHTS[k];
                if (k >= 6 && k < 10) {
                    year = year * 10 + d;
                } else if (k >= 10 && k < 12) {
                    month = month * 10 + d;
                } else if (k >= 12 && k < 14) {
                    day = day * 10 + d;
                }
            } else if (k == 17) {
                check = (char) ('0' + d);
            }
            k++;
        }
        if (k != 18 || check != CHECK[sum % 11] || year < 1900 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return false;
        }
        return !LocalDate.of(year, month, day).isAfter(LocalDate.now());
    }

    private static boolean luhn(CharSequence text, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        for (int i = end - 1; i >= start; i--) {
            int d = digit(text, i);
            if (d < 0) {
                continue;
            }
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** Issuer prefixes of cards seen in China: UnionPay 62, Visa 4, Mastercard 51–55/2221–2720, Amex 34/37, JCB 35. */
    private static boolean issuer(int leading) {
        int two = leading / 100;
        return leading / 1000 == 4 || two == 62 || two >= 51 && two <= 55 || leading >= 2221 && leading <= 2720
                || two == 34 || two == 37 || two == 35;
    }
}
