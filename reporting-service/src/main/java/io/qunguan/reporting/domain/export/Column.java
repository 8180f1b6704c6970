package io.qunguan.reporting.domain.export;

import java.util.Locale;

/** A column of an export: its heading in Chinese and English, and what its cells hold. */
public record Column(String zh, String en, Type type) {

    /** What a column's cells hold: text, a number, or a moment shown in the company's zone. */
    public enum Type {
        TEXT, NUMBER, TIME
    }

    public static Column text(String zh, String en) {
        return new Column(zh, en, Type.TEXT);
    }

    public static Column number(String zh, String en) {
        return new Column(zh, en, Type.NUMBER);
    }

    public static Column time(String zh, String en) {
        return new Column(zh, en, Type.TIME);
    }

    /** The heading in {@code language} (zh unless it is English). */
    public String heading(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("en") ? en : zh;
    }
}
