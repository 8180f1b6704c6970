package io.qunguan.group.domain;

import java.util.List;

/** A required free-text field of a request: present, not blank, not longer than its limit. */
public final class RequiredText {

    private RequiredText() {
    }

    /** The stripped text, or null with the problem added to {@code problems} (reported together as a Refusal). */
    public static String of(String value, String field, int limit, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
            return null;
        }
        if (value.length() > limit) {
            problems.add(field + " is longer than " + limit + " characters");
            return null;
        }
        return value.strip();
    }
}
