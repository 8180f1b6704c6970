package io.qunguan.reporting.domain.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.List;

/**
 * Writes one table, row by row, straight to the response: nothing but the current row is held, so an export of
 * 100,000 rows needs no more memory than one of ten.
 */
public interface TableWriter {

    /** The file formats an export comes in. */
    enum Format {
        CSV("text/csv; charset=UTF-8", "csv"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }
    }

    /** Starts a sheet (a CSV file holds one) with its columns' headings. */
    void sheet(String name, List<Column> columns) throws IOException;

    /** One row, a cell per column: String, Number, OffsetDateTime or null. */
    void row(Object... cells) throws IOException;

    /** Ends the file. */
    void finish() throws IOException;

    static TableWriter of(Format format, OutputStream out, String language, ZoneId zone) {
        return format == Format.CSV ? new CsvTableWriter(out, language, zone) : new XlsxTableWriter(out, language, zone);
    }
}
