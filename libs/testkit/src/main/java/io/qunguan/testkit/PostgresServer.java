package io.qunguan.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL server to create throw-away databases on. {@link #resolve()} takes, in order: the
 * server named by {@code QUNGUAN_TEST_JDBC_URL}; a Testcontainers container when Docker is reachable; the
 * server on 127.0.0.1:5432 when it answers; an embedded PostgreSQL 15 started from Maven Central binaries.
 */
public final class PostgresServer implements AutoCloseable {

    /** Where the server came from. */
    public enum Origin { ENVIRONMENT, TESTCONTAINERS, LOCAL, EMBEDDED }

    /** Forces one origin: {@code environment}, {@code testcontainers}, {@code local} or {@code embedded}. */
    public static final String FORCE_PROPERTY = "qunguan.testkit.postgres";

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final Origin origin;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final AutoCloseable owned;

    private PostgresServer(Origin origin, String host, int port, String user, String password, AutoCloseable owned) {
        this.origin = origin;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.owned = owned;
    }

    public static PostgresServer resolve() {
        String forced = System.getProperty(FORCE_PROPERTY, System.getenv().getOrDefault("QUNGUAN_TESTKIT_POSTGRES", ""));
        if (!forced.isBlank()) {
            return switch (Origin.valueOf(forced.trim().toUpperCase(Locale.ROOT))) {
                case ENVIRONMENT -> fromEnvironment();
                case TESTCONTAINERS -> testcontainers();
                case LOCAL -> local();
                case EMBEDDED -> embedded();
            };
        }
        if (System.getenv("QUNGUAN_TEST_JDBC_URL") != null) {
            return fromEnvironment();
        }
        if (Docker.available()) {
            return testcontainers();
        }
        if (Ports.answers("127.0.0.1", 5432)) {
            return local();
        }
        return embedded();
    }

    /** The server whose admin database {@code QUNGUAN_TEST_JDBC_URL} names (user/password from the environment). */
    public static PostgresServer fromEnvironment() {
        String url = System.getenv("QUNGUAN_TEST_JDBC_URL");
        if (url == null) {
            throw new IllegalStateException("QUNGUAN_TEST_JDBC_URL is not set");
        }
        var matcher = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/.*").matcher(url);
        if (!matcher.matches()) {
            throw new IllegalStateException("QUNGUAN_TEST_JDBC_URL must look like jdbc:postgresql://host:port/db");
        }
        int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
        return new PostgresServer(Origin.ENVIRONMENT, matcher.group(1), port,
                System.getenv().getOrDefault("QUNGUAN_TEST_JDBC_USER", "postgres"),
                System.getenv().getOrDefault("QUNGUAN_TEST_JDBC_PASSWORD", ""), null);
    }

    public static PostgresServer local() {
        return new PostgresServer(Origin.LOCAL, "127.0.0.1", 5432, "postgres", "", null);
    }

    public static PostgresServer testcontainers() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
        container.start();
        return new PostgresServer(Origin.TESTCONTAINERS, container.getHost(), container.getMappedPort(5432),
                container.getUsername(), container.getPassword(), container::stop);
    }

    public static PostgresServer embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return new PostgresServer(Origin.EMBEDDED, "127.0.0.1", postgres.getPort(), "postgres", "", postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    public Origin origin() {
        return origin;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates a database with a fresh name starting with {@code prefix} and returns that name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10))
                .toLowerCase(Locale.ROOT);
        createDatabaseNamed(name);
        return name;
    }

    /** Creates (dropping first if it exists) the database {@code name}. */
    public void recreateDatabase(String name) {
        dropDatabase(name);
        createDatabaseNamed(name);
    }

    private void createDatabaseNamed(String name) {
        execute("CREATE DATABASE " + checked(name));
    }

    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + checked(name) + " WITH (FORCE)");
    }

    private static String checked(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe database name: " + name);
        }
        return name;
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused: " + sql, e);
        }
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL did not stop", e);
            }
        }
    }
}
