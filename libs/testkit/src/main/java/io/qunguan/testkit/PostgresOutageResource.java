package io.qunguan.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: a fresh database, like {@link PostgresResource}, reached through a {@link TcpProxy} the
 * test can cut ({@link #proxy()}) to take PostgreSQL away from the service and give it back.
 */
public class PostgresOutageResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy proxy;
    private String database;

    /** The proxy between the service under test and PostgreSQL. */
    public static TcpProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("PostgresOutageResource has not started");
        }
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        PostgresServer postgres = PostgresResource.server();
        database = postgres.createDatabase("qg_outage");
        proxy = TcpProxy.start(postgres.host(), postgres.port());
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database,
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            PostgresResource.server().dropDatabase(database);
        }
    }
}
