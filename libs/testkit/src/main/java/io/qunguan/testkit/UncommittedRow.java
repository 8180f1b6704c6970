package io.qunguan.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A row written by another transaction that has not committed yet: the seam that makes two requests racing on a
 * unique key collide the same way on every run. The request under test passes its own checks (it cannot see the row),
 * blocks on the unique index, and fails at its insert once this transaction commits.
 */
public final class UncommittedRow implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection connection;
    private final int backend;
    private boolean committed;

    private UncommittedRow(DataSource dataSource, Connection connection, int backend) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.backend = backend;
    }

    /** Runs {@code sql} with {@code parameters} in a transaction left open. */
    public static UncommittedRow insert(DataSource dataSource, String sql, Object... parameters) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
                    ResultSet row = statement.executeQuery()) {
                row.next();
                return new UncommittedRow(dataSource, connection, row.getInt(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not hold the row: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until another session is blocked behind this transaction, then commits; throws if nobody blocks on it
     * within {@code timeout} (the request under test never reached its insert).
     */
    public void commitOnceBlocked(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // pg_locks is read live from another session (pg_stat_activity would be a snapshot inside a transaction)
        try (Connection observer = dataSource.getConnection(); PreparedStatement blocked = observer.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND ? = ANY (pg_blocking_pids(pid))")) {
            blocked.setInt(1, backend);
            while (true) {
                try (ResultSet row = blocked.executeQuery()) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no session blocked on the uncommitted row within " + timeout);
                }
                Thread.sleep(20);
            }
            connection.commit();
            committed = true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not commit the row: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a blocked session", e);
        }
    }

    @Override
    public void close() {
        try (connection) {
            if (!committed) {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not release the row: " + e.getMessage(), e);
        }
    }
}
