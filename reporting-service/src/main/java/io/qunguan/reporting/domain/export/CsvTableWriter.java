package io.qunguan.reporting.domain.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * CSV (RFC 4180) in UTF-8 with a byte-order mark, so that Excel opens the Chinese headings as Chinese; times as
 * {@code 2026-11-03 10:15:00} in the company's zone; a text cell that a spreadsheet would take for a formula (=, +,
 * -, @) is prefixed with an apostrophe.
 */
final class CsvTableWriter implements TableWriter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Writer out;
    private final String language;
    private final ZoneId zone;
    private List<Column> columns;

    CsvTableWriter(OutputStream out, String language, ZoneId zone) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        this.language = language;
        this.zone = zone;
    }

    @Override
    public void sheet(String name, List<Column> columns) throws IOException {
        if (this.columns == null) {
            out.write('\uFEFF');
        } else {
            // a second sheet follows the first after an empty line, under its own headings
            out.write("\r\n");
        }
        this.columns = columns;
        line(columns.stream().map(column -> (Object) column.heading(language)).toArray());
    }

    @Override
    public void row(Object... cells) throws IOException {
        line(cells);
    }

    private void line(Object[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    private String cell(Object value) {
        return switch (value) {
            case null -> "";
            case OffsetDateTime time -> TIME.format(time.atZoneSameInstant(zone));
            case Number number -> number.toString();
            default -> quoted(value.toString());
        };
    }

    static String quoted(String text) {
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
