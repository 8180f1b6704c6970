package io.qunguan.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Another session's transaction, left open: the seam that makes a race happen the same way on every run. A row it
 * inserted is invisible to the code under test, which passes its own checks and then blocks on the unique index; a
 * table it locked stops the code under test at its first read of that table, where the test looks at what that code
 * holds meanwhile.
 */
public final class OpenTransaction implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection connection;
    private final int backend;
    private boolean ended;

    private OpenTransaction(DataSource dataSource, Connection connection, int backend) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.backend = backend;
    }

    /** Runs {@code sql} with {@code parameters} in a transaction left open. */
    public static OpenTransaction run(DataSource dataSource, String sql, Object... parameters) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.execute();
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
                    ResultSet row = statement.executeQuery()) {
                row.next();
                return new OpenTransaction(dataSource, connection, row.getInt(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not open the transaction: " + e.getMessage(), e);
        }
    }

    /** Waits until another session is blocked behind this transaction; throws if none is within {@code timeout}. */
    public void awaitBlocked(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // pg_locks is read live from another session (pg_stat_activity would be a snapshot inside a transaction)
        try (Connection observer = dataSource.getConnection(); PreparedStatement blocked = observer.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND ? = ANY (pg_blocking_pids(pid))")) {
            blocked.setInt(1, backend);
            while (true) {
                try (ResultSet row = blocked.executeQuery()) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no session blocked behind the open transaction within " + timeout);
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the locks: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a blocked session", e);
        }
    }

    /** {@link #awaitBlocked}, then commits, which lets the blocked session go on. */
    public void commitOnceBlocked(Duration timeout) {
        awaitBlocked(timeout);
        try {
            connection.commit();
            ended = true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not commit: " + e.getMessage(), e);
        }
    }

    /** Rolls back unless committed, which also lets a blocked session go on; once. */
    @Override
    public void close() {
        if (ended && isClosed()) {
            return;
        }
        try (connection) {
            if (!ended) {
                ended = true;
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not end the transaction: " + e.getMessage(), e);
        }
    }

    private boolean isClosed() {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }
}
