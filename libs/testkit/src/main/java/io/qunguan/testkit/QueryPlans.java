package io.qunguan.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * PostgreSQL's plan for a query over a realistic volume: in one transaction that is rolled back, the test's rows are
 * inserted (foreign keys not enforced), the tables analysed, and the query explained; nothing stays behind.
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    /**
     * The plan of each query of {@code sqls} (literals in place of parameters), one line per node, after
     * {@code setup} (inserts and {@code ANALYZE}) in the same transaction.
     */
    public static Map<String, List<String>> plans(DataSource dataSource, List<String> setup, List<String> sqls) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                statement.execute("SET LOCAL session_replication_role = replica");
                for (String step : setup) {
                    statement.execute(step);
                }
                Map<String, List<String>> plans = new LinkedHashMap<>();
                for (String sql : sqls) {
                    List<String> plan = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
                        while (rows.next()) {
                            plan.add(rows.getString(1));
                        }
                    }
                    plans.put(sql, plan);
                }
                return plans;
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("no plans: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the plan reads through {@code index}: named by an index scan ({@code using index}) or a bitmap index
     * scan ({@code Bitmap Index Scan on index}). A full scan of another index, which is what a missing index leaves
     * with sequential scans priced out, does not count.
     */
    public static boolean uses(List<String> plan, String index) {
        return plan.stream().anyMatch(line -> line.contains("using " + index + " ")
                || line.contains("Index Scan on " + index + " ") || line.endsWith("using " + index)
                || line.endsWith("Index Scan on " + index));
    }
}
