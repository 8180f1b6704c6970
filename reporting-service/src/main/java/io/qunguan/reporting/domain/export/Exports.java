package io.qunguan.reporting.domain.export;

import io.qunguan.eventing.EvidenceReads;
import io.qunguan.reporting.domain.Responsiveness;
import io.qunguan.reporting.domain.assessment.Assessment;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The exports of every table HR sees, as CSV or XLSX: violations and fines (for payroll) streamed from a database
 * cursor a thousand rows at a time, the assessment and responsiveness from their reports. Headings in Chinese, or
 * English; times in the company's zone.
 */
@ApplicationScoped
public class Exports {

    /** Rows fetched from the cursor at a time. */
    static final int FETCH = 1_000;

    /** What an export writes, given the table writer. */
    @FunctionalInterface
    public interface Body {
        void write(TableWriter writer) throws IOException, SQLException;
    }

    /** The filters of a violations export; null where absent. */
    public record ViolationFilter(OffsetDateTime from, OffsetDateTime to, String groupId, String ruleId,
            String employeeId) {
    }

    static final List<Column> VIOLATIONS = List.of(Column.time("时间", "Opened"), Column.text("规则", "Rule"),
            Column.text("类别", "Category"), Column.text("严重程度", "Severity"), Column.text("群", "Group"),
            Column.text("员工编号", "Employee"), Column.text("成员", "Member"), Column.text("处罚", "Sanction"),
            Column.number("禁言(分钟)", "Mute (minutes)"), Column.number("罚款(元)", "Fine (yuan)"),
            Column.time("申诉撤销时间", "Reversed"), Column.text("证据(已脱敏)", "Evidence (masked)"),
            Column.text("违规编号", "Violation id"));
    static final List<Column> FINES = List.of(Column.text("员工编号", "Employee"), Column.text("姓名", "Name"),
            Column.text("部门", "Department"), Column.time("时间", "Opened"), Column.text("规则", "Rule"),
            Column.text("处罚", "Sanction"), Column.number("金额(元)", "Amount (yuan)"),
            Column.text("违规编号", "Violation id"));
    static final List<Column> FINE_TOTALS = List.of(Column.text("员工编号", "Employee"), Column.text("姓名", "Name"),
            Column.text("部门", "Department"), Column.number("笔数", "Fines"), Column.number("合计(元)", "Total (yuan)"));
    static final List<Column> PEOPLE = List.of(Column.text("员工编号", "Employee"), Column.text("姓名", "Name"),
            Column.text("部门", "Department"), Column.number("得分", "Score"), Column.number("上期得分", "Previous score"),
            Column.number("变化", "Change"), Column.number("违规", "Violations"), Column.number("低", "Low"),
            Column.number("中", "Medium"), Column.number("高", "High"), Column.number("严重", "Critical"),
            Column.number("罚款(元)", "Fines (yuan)"), Column.number("申诉成立", "Appeals upheld"),
            Column.number("期限", "Deadlines"), Column.number("按时", "Met"), Column.number("逾期", "Missed"),
            Column.number("按时率", "Share met"), Column.number("响应中位数(秒)", "Median response (s)"),
            Column.number("通知确认率", "Acknowledgement rate"), Column.number("会议通知迟发", "Meetings noticed late"),
            Column.number("会议缺纪要", "Meetings without minutes"));
    static final List<Column> DEPARTMENTS = List.of(Column.text("部门编号", "Department"), Column.text("部门", "Name"),
            Column.text("上级部门", "Parent"), Column.number("人数", "People"), Column.number("违规", "Violations"),
            Column.number("罚款(元)", "Fines (yuan)"), Column.number("申诉成立", "Appeals upheld"),
            Column.number("期限", "Deadlines"), Column.number("逾期", "Missed"),
            Column.number("平均得分", "Average score"), Column.number("上期平均", "Previous average"),
            Column.number("变化", "Change"));
    static final List<Column> RESPONSIVENESS = List.of(Column.text("员工编号", "Employee"),
            Column.text("部门", "Department"), Column.number("期限", "Deadlines"), Column.number("按时", "Met"),
            Column.number("逾期", "Missed"), Column.number("按时率", "Share met"),
            Column.number("响应中位数(秒)", "Median response (s)"), Column.number("P90(秒)", "P90 response (s)"));

    private final DataSource dataSource;
    private final EvidenceReads evidenceReads;
    private final ZoneId zone;

    public Exports(DataSource dataSource, EvidenceReads evidenceReads,
            @ConfigProperty(name = "qunguan.reporting.zone", defaultValue = "Asia/Shanghai") String zone) {
        this.dataSource = dataSource;
        this.evidenceReads = evidenceReads;
        this.zone = ZoneId.of(zone);
    }

    /** Writes {@code body} as {@code format} to {@code out}. */
    public void write(TableWriter.Format format, String language, OutputStream out, Body body) throws IOException {
        TableWriter writer = TableWriter.of(format, out, language, zone);
        try {
            body.write(writer);
        } catch (SQLException e) {
            throw new IOException("the export's query failed: " + e.getMessage(), e);
        }
        writer.finish();
    }

    /**
     * The violations of the filter, oldest first, with their masked evidence; the read is audited (with the first
     * violations' ids and how many there are) before anything is written.
     */
    public Body violations(ViolationFilter filter, String reader, Collection<String> roles, String request) {
        List<Object> parameters = new ArrayList<>(List.of(filter.from(), filter.to()));
        StringBuilder where = new StringBuilder(" FROM violation_view WHERE opened_at >= ? AND opened_at < ?");
        if (filter.groupId() != null) {
            where.append(" AND group_id = ?");
            parameters.add(filter.groupId());
        }
        if (filter.ruleId() != null) {
            where.append(" AND rule_id = ?");
            parameters.add(filter.ruleId());
        }
        if (filter.employeeId() != null) {
            where.append(" AND employee_id = ?");
            parameters.add(filter.employeeId());
        }
        List<String> first = new ArrayList<>();
        long total = query("SELECT count(*)" + where, parameters, rows -> {
            rows.next();
            return rows.getLong(1);
        });
        query("SELECT id" + where + " ORDER BY opened_at, id LIMIT 200", parameters, rows -> {
            while (rows.next()) {
                first.add(rows.getString(1));
            }
            return null;
        });
        evidenceReads.record(reader, roles, request + " (" + total + " rows)", first);
        return writer -> {
            writer.sheet("违规记录", VIOLATIONS);
            stream("""
                    SELECT opened_at, rule_id, category, severity, group_id, employee_id, member_name, sanction,
                           sanction_minutes, sanction_yuan, reversed_at, masked_evidence, id""" + where
                    + " ORDER BY opened_at, id", parameters, rows -> writer.row(rows.getObject(1, OffsetDateTime.class),
                    rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                    rows.getString(7), rows.getString(8), (Integer) rows.getObject(9), (Integer) rows.getObject(10),
                    rows.getObject(11, OffsetDateTime.class), rows.getString(12), rows.getString(13)));
        };
    }

    /** Standing fines and penalty red packets of the period, each and per person: what payroll deducts. */
    public Body fines(OffsetDateTime from, OffsetDateTime to) {
        List<Object> period = List.of(from, to);
        String standing = " " + """
                FROM violation_view v LEFT JOIN person p USING (employee_id)
                WHERE v.opened_at >= ? AND v.opened_at < ? AND v.reversed_at IS NULL
                  AND v.sanction IN ('FINE', 'PENALTY_RED_PACKET') AND v.sanction_yuan IS NOT NULL""";
        return writer -> {
            writer.sheet("罚款明细", FINES);
            stream("SELECT v.employee_id, p.real_name, p.department_id, v.opened_at, v.rule_id, v.sanction, "
                    + "v.sanction_yuan, v.id" + standing + " ORDER BY v.employee_id, v.opened_at, v.id", period,
                    rows -> writer.row(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getObject(4, OffsetDateTime.class), rows.getString(5), rows.getString(6),
                            rows.getInt(7), rows.getString(8)));
            writer.sheet("罚款合计", FINE_TOTALS);
            stream("SELECT v.employee_id, max(p.real_name), max(p.department_id), count(*), sum(v.sanction_yuan)"
                    + standing + " GROUP BY v.employee_id ORDER BY v.employee_id", period,
                    rows -> writer.row(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.getLong(5)));
        };
    }

    /** The assessment: a sheet of people, and one of departments when the report has them. */
    public Body assessment(Assessment.Report report) {
        return writer -> {
            writer.sheet("人员考核", PEOPLE);
            for (Assessment.Person person : report.people()) {
                writer.row(person.employeeId(), person.name(), person.departmentId(), person.score(),
                        person.previousScore(), person.change(), person.violations(), person.bySeverity().get("LOW"),
                        person.bySeverity().get("MEDIUM"), person.bySeverity().get("HIGH"),
                        person.bySeverity().get("CRITICAL"), person.finesYuan(), person.appealsUpheld(),
                        person.deadlines(), person.met(), person.missed(), person.metShare(),
                        person.medianResponseSeconds(), person.acknowledgementRate(), person.meetingsLateNotice(),
                        person.meetingsWithoutMinutes());
            }
            if (!report.departments().isEmpty()) {
                writer.sheet("部门汇总", DEPARTMENTS);
                for (Assessment.Department department : report.departments()) {
                    writer.row(department.departmentId(), department.name(), department.parentId(),
                            department.people(), department.violations(), department.finesYuan(),
                            department.appealsUpheld(), department.deadlines(), department.missed(),
                            department.averageScore(), department.previousAverageScore(), department.change());
                }
            }
        };
    }

    /** Responsiveness per person. */
    public Body responsiveness(Responsiveness.Assessment assessment) {
        return writer -> {
            writer.sheet("响应时效", RESPONSIVENESS);
            for (Responsiveness.Person person : assessment.people()) {
                writer.row(person.employeeId(), person.departmentId(), person.deadlines(), person.met(),
                        person.missed(), person.metShare(), person.medianSeconds(), person.p90Seconds());
            }
        };
    }

    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private interface EachRow {
        void accept(ResultSet row) throws SQLException, IOException;
    }

    private <T> T query(String sql, List<Object> parameters, Rows<T> read) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepared(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return read.read(rows);
        } catch (SQLException e) {
            throw new IllegalStateException("the export's query failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} through a cursor (autocommit off, a fetch size), handing each row on as it arrives. */
    private void stream(String sql, List<Object> parameters, EachRow each) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = prepared(connection, sql, parameters)) {
                statement.setFetchSize(FETCH);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        each.accept(rows);
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static PreparedStatement prepared(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }
}
