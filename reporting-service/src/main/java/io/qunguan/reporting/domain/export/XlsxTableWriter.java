package io.qunguan.reporting.domain.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * XLSX through fastexcel, which zips rows out as it is given them: bold headings frozen at the top, numbers as numbers,
 * times as date cells ({@code yyyy-mm-dd hh:mm:ss}) in the company's zone. Rows are flushed every thousand.
 */
final class XlsxTableWriter implements TableWriter {

    static final int FLUSH_EVERY = 1_000;

    private final Workbook workbook;
    private final String language;
    private final ZoneId zone;
    private Worksheet sheet;
    private int row;

    XlsxTableWriter(OutputStream out, String language, ZoneId zone) {
        this.workbook = new Workbook(out, "Qunguan", "1.0");
        this.language = language;
        this.zone = zone;
    }

    @Override
    public void sheet(String name, List<Column> columns) throws IOException {
        if (sheet != null) {
            sheet.finish();
        }
        sheet = workbook.newWorksheet(name);
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            sheet.value(0, c, column.heading(language));
            sheet.style(0, c).bold().set();
            sheet.width(c, column.type() == Column.Type.TIME ? 20 : Math.max(10, column.heading(language).length()
                    * 2.2));
        }
        sheet.freezePane(0, 1);
        row = 1;
    }

    @Override
    public void row(Object... cells) throws IOException {
        for (int c = 0; c < cells.length; c++) {
            switch (cells[c]) {
                case null -> {
                }
                case OffsetDateTime time -> {
                    sheet.value(row, c, time.atZoneSameInstant(zone).toLocalDateTime());
                    sheet.style(row, c).format("yyyy-mm-dd hh:mm:ss").set();
                }
                case Number number -> sheet.value(row, c, number);
                default -> sheet.value(row, c, cells[c].toString());
            }
        }
        row++;
        if (row % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    @Override
    public void finish() throws IOException {
        if (sheet != null) {
            sheet.finish();
        }
        workbook.finish();
    }
}
