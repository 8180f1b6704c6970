package io.qunguan.group.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV document as RFC 4180 writes it (comma separated, double quotes around fields holding commas, quotes or
 * line breaks, "" for a quote, CRLF or LF), with a header row naming the columns. A UTF-8 byte-order mark, as
 * spreadsheet programs write, is ignored.
 */
record CsvTable(List<String> header, List<Map<String, String>> rows) {

    /** The document is not CSV as expected; nothing of it is used. */
    static final class MalformedCsvException extends RuntimeException {
        MalformedCsvException(String message) {
            super(message);
        }
    }

    static CsvTable parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            throw new MalformedCsvException("empty document: a header row is required");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        if (header.stream().distinct().count() != header.size()) {
            throw new MalformedCsvException("the header names a column twice: " + header);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> fields = records.get(i);
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            if (fields.size() != header.size()) {
                throw new MalformedCsvException("record " + i + " has " + fields.size() + " fields, the header "
                        + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int column = 0; column < header.size(); column++) {
                String value = fields.get(column).strip();
                row.put(header.get(column), value.isEmpty() ? null : value);
            }
            rows.add(row);
        }
        return new CsvTable(header, rows);
    }

    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                if (fieldStarted && !field.isEmpty()) {
                    throw new MalformedCsvException("line " + line + ": a quote inside an unquoted field");
                }
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                records.add(fields);
                fields = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                line++;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new MalformedCsvException("line " + line + ": a quoted field is not closed");
        }
        if (fieldStarted || !field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }
}
