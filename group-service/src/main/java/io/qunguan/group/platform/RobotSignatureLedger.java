package io.qunguan.group.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.qunguan.platforms.Delivery;
import io.qunguan.platforms.WebhookRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Robot callbacks whose signature covers only the timestamp (DingTalk's internal robot): each (timestamp, sign) is
 * good for the body it first came with, shared by every replica through the database. A redelivery of that body
 * passes (the delivery ledger then answers it as a duplicate); a captured header with another body is refused like
 * a bad signature (security finding 2).
 */
@ApplicationScoped
public class RobotSignatureLedger {

    private static final Logger LOG = Logger.getLogger(RobotSignatureLedger.class);

    private final EntityManager entities;
    private final Duration keep;

    public RobotSignatureLedger(EntityManager entities,
            @ConfigProperty(name = "qunguan.webhooks.robot-signatures-kept", defaultValue = "2h") Duration keep) {
        this.entities = entities;
        this.keep = keep;
    }

    /**
     * @throws WebhookRejectedException 401 when the signature came before with another body; 503 when the database
     *                                  cannot tell
     */
    public void requireFirstUseOrSameBody(String scope, String timestamp, String sign, byte[] body) {
        String digest = Delivery.contentKey(new String(body, StandardCharsets.UTF_8));
        String first;
        try {
            first = QuarkusTransaction.requiringNew().call(() -> {
                // a concurrent insert of the same signature waits for the first to commit, then reads its digest
                entities.createNativeQuery("""
                                INSERT INTO robot_signature (scope, signed_at, sign, body_digest) VALUES (?1, ?2, ?3, ?4)
                                ON CONFLICT DO NOTHING""")
                        .setParameter(1, scope).setParameter(2, timestamp.trim()).setParameter(3, sign.trim())
                        .setParameter(4, digest).executeUpdate();
                return (String) entities.createNativeQuery("""
                                SELECT body_digest FROM robot_signature WHERE scope = ?1 AND signed_at = ?2 AND sign = ?3""")
                        .setParameter(1, scope).setParameter(2, timestamp.trim()).setParameter(3, sign.trim())
                        .getSingleResult();
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "robot callback of %s not acknowledged, database unavailable", scope);
            throw WebhookRejectedException.unavailable();
        }
        if (!first.equals(digest)) {
            LOG.warnf("robot callback of %s refused: its signature came before with another body", scope);
            throw WebhookRejectedException.unauthorized();
        }
    }

    /** Signatures older than any replay window are forgotten; a callback that old is refused by its timestamp. */
    @Scheduled(every = "${qunguan.webhooks.purge-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(keep);
        QuarkusTransaction.requiringNew().run(() -> entities
                .createNativeQuery("DELETE FROM robot_signature WHERE seen_at < ?1").setParameter(1, cutoff)
                .executeUpdate());
    }
}
