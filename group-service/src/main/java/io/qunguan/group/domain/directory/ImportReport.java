package io.qunguan.group.domain.directory;

import java.util.List;

/** What an import did, section by section, and every rejected row with its reasons. */
public record ImportReport(Counts departments, Counts employees, Counts projects, List<RejectedRow> rejected) {

    /** Rows created, changed, found already up to date, and rejected. */
    public record Counts(int created, int updated, int unchanged, int rejected) {
    }

    /**
     * A row that was not applied.
     *
     * @param row the row's 1-based position in its section (for CSV, the data row after the header)
     */
    public record RejectedRow(String section, int row, String id, List<String> reasons) {
    }
}
