package io.qunguan.reporting.domain;

import java.util.Collection;

/** PostgreSQL {@code text[]} literals for a query parameter ({@code CAST(?1 AS text[])}), every element quoted. */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static String text(Collection<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }
}
