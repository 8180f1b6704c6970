package io.qunguan.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Each PostgreSQL branch the testkit can take on this machine, proven against a real server. */
class PostgresServerIT {

    @Test
    void embeddedServerRunsEvenWhenALocalOneAnswers() throws Exception {
        try (PostgresServer server = PostgresServer.embedded()) {
            assertEquals(PostgresServer.Origin.EMBEDDED, server.origin());
            assertUsable(server);
        }
    }

    @Test
    void localServerOn5432IsUsedWhenItAnswers() throws Exception {
        assumeTrue(Ports.answers("127.0.0.1", 5432), "no PostgreSQL on 127.0.0.1:5432");
        try (PostgresServer server = PostgresServer.local()) {
            assertEquals(PostgresServer.Origin.LOCAL, server.origin());
            assertUsable(server);
        }
    }

    @Test
    void forcedOriginIsHonoured() {
        System.setProperty(PostgresServer.FORCE_PROPERTY, "embedded");
        try (PostgresServer server = PostgresServer.resolve()) {
            assertEquals(PostgresServer.Origin.EMBEDDED, server.origin());
        } finally {
            System.clearProperty(PostgresServer.FORCE_PROPERTY);
        }
    }

    @Test
    void unsafeDatabaseNamesAreRefused() {
        try (PostgresServer server = PostgresServer.embedded()) {
            assertThrows(IllegalArgumentException.class, () -> server.dropDatabase("x; DROP TABLE y"));
        }
    }

    private static void assertUsable(PostgresServer server) throws SQLException {
        String database = server.createDatabase("qg_kit");
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
             ResultSet result = connection.createStatement().executeQuery("select current_database(), version()")) {
            result.next();
            assertEquals(database, result.getString(1));
            assertEquals(true, result.getString(2).startsWith("PostgreSQL"));
        } finally {
            server.dropDatabase(database);
        }
    }
}
