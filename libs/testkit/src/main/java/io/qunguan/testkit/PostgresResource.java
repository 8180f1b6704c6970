package io.qunguan.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Quarkus test resource: a fresh database on a real PostgreSQL ({@link PostgresServer#resolve()}) per test run. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer server;
    private String database;

    static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.resolve();
            PostgresServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "testkit-postgres-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        PostgresServer postgres = server();
        database = postgres.createDatabase("qg_test");
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            server().dropDatabase(database);
        }
    }
}
