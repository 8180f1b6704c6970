package io.qunguan.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the outbox holds rows older than {@code qunguan.kafka.outbox-max-age}: events are not leaving. */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final DataSource dataSource;
    private final EventingConfig config;

    public OutboxHealthCheck(DataSource dataSource, EventingConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("""
                     SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox_event""")) {
            result.next();
            long pending = result.getLong(1);
            double oldestSeconds = result.getDouble(2);
            boolean flowing = oldestSeconds <= config.outboxMaxAge().toSeconds();
            return HealthCheckResponse.named("outbox")
                    .status(flowing)
                    .withData("pending", pending)
                    .withData("oldestSeconds", (long) oldestSeconds)
                    .build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("outbox").down().withData("error", e.getMessage()).build();
        }
    }
}
