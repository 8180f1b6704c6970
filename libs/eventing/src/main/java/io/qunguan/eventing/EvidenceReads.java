package io.qunguan.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit of who read violation evidence (security finding 5): each read by HR, an auditor or a department head of
 * evidence about someone else is a row, written before the evidence is returned, so a read that cannot be audited
 * does not happen.
 */
@ApplicationScoped
public class EvidenceReads {

    /** Subjects kept per read; a larger page records its size and its first ones. */
    static final int MAX_SUBJECTS = 200;

    /** One audited read. */
    public record EvidenceRead(long id, String reader, List<String> roles, String request, int returned,
            List<String> subjects, OffsetDateTime at) {
    }

    private final DataSource dataSource;

    public EvidenceReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records that {@code reader} was shown the evidence of {@code subjects} (violation ids, or a person's id for a
     * person's history) in answer to {@code request}.
     */
    public void record(String reader, Collection<String> roles, String request, List<String> subjects) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO evidence_read (reader, roles, request, returned, subjects)
                        VALUES (?, ?, ?, ?, ?)""")) {
            insert.setString(1, reader);
            insert.setString(2, String.join(",", roles.stream().sorted().toList()));
            insert.setString(3, request);
            insert.setInt(4, subjects.size());
            insert.setString(5, String.join(",", subjects.subList(0, Math.min(subjects.size(), MAX_SUBJECTS))));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot audit the read of evidence: " + e.getMessage(), e);
        }
    }

    /** The reads, newest first; of one reader if given. */
    public List<EvidenceRead> list(String reader, int limit) {
        String sql = "SELECT id, reader, roles, request, returned, subjects, at FROM evidence_read"
                + (reader == null ? "" : " WHERE reader = ?") + " ORDER BY at DESC, id DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (reader != null) {
                query.setString(parameter++, reader);
            }
            query.setInt(parameter, limit);
            List<EvidenceRead> reads = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reads.add(new EvidenceRead(rows.getLong(1), rows.getString(2), split(rows.getString(3)),
                            rows.getString(4), rows.getInt(5), split(rows.getString(6)),
                            rows.getObject(7, OffsetDateTime.class)));
                }
            }
            return reads;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the evidence audit: " + e.getMessage(), e);
        }
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
