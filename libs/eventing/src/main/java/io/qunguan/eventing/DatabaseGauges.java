package io.qunguan.eventing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Gauges whose value is one SQL query's, read at each scrape: what the database holds is the same for every replica,
 * so each reports it and an alert takes the maximum. NaN while the database cannot answer; 0 when the query finds no
 * row.
 */
public final class DatabaseGauges {

    private DatabaseGauges() {
    }

    /** Registers {@code name}, the first column of {@code sql}'s first row. */
    public static void register(MeterRegistry registry, DataSource dataSource, String name, String description,
            String sql) {
        Gauge.builder(name, () -> read(dataSource, sql)).description(description).register(registry);
    }

    static double read(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getDouble(1) : 0;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
