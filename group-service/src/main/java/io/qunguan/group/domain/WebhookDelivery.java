package io.qunguan.group.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/** A verified webhook delivery, kept by the platform's dedupe key so redeliveries are recognised. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    @Id
    @Column(name = "delivery_key")
    public String key;

    public String platform;

    @Column(name = "event_type")
    public String type;

    @Column(name = "event_count")
    public int eventCount;

    /** The decrypted body, kept only for types Qunguan does not map. */
    public String raw;

    @Column(name = "received_at", insertable = false, updatable = false)
    public Instant receivedAt;

    /**
     * Records a delivery unless its key is known. Under concurrency the second insert waits for the first
     * transaction: it records the delivery if that one rolled back, and sees a duplicate if it committed.
     *
     * @return whether this is the first time the key is seen
     */
    public static boolean recordFirst(String key, String platform, String type, int eventCount, String raw) {
        int inserted = getEntityManager().createNativeQuery("""
                INSERT INTO webhook_delivery (delivery_key, platform, event_type, event_count, raw)
                VALUES (:key, :platform, :type, :count, :raw) ON CONFLICT (delivery_key) DO NOTHING""")
                .setParameter("key", key).setParameter("platform", platform).setParameter("type", type)
                .setParameter("count", eventCount)
                .unwrap(NativeQuery.class).setParameter("raw", raw, StandardBasicTypes.STRING)
                .executeUpdate();
        return inserted == 1;
    }

    /** How a claim on a delivery key went. */
    public enum Claim {
        /** This caller holds the key now and publishes. */
        TAKEN,
        /** The delivery was published (or stored) before. */
        DONE,
        /** Another thread or replica holds the key and is publishing. */
        IN_FLIGHT
    }

    /**
     * Claims a delivery's key before its events are published; a claim older than {@code staleAfter} (its holder
     * crashed) is taken over.
     */
    public static Claim claim(String key, String platform, String type, int eventCount, Duration staleAfter) {
        int inserted = getEntityManager().createNativeQuery("""
                INSERT INTO webhook_delivery (delivery_key, platform, event_type, event_count, published)
                VALUES (:key, :platform, :type, :count, FALSE) ON CONFLICT (delivery_key) DO NOTHING""")
                .setParameter("key", key).setParameter("platform", platform).setParameter("type", type)
                .setParameter("count", eventCount).executeUpdate();
        if (inserted == 1) {
            return Claim.TAKEN;
        }
        int takenOver = getEntityManager().createNativeQuery("""
                UPDATE webhook_delivery SET received_at = now() WHERE delivery_key = :key AND NOT published
                AND received_at < now() - make_interval(secs => :stale)""")
                .setParameter("key", key).setParameter("stale", (double) staleAfter.toMillis() / 1000).executeUpdate();
        if (takenOver == 1) {
            return Claim.TAKEN;
        }
        List<?> published = getEntityManager().createNativeQuery(
                "SELECT published FROM webhook_delivery WHERE delivery_key = :key").setParameter("key", key)
                .getResultList();
        // a claim released between the insert and this read: the caller tries again
        return published.isEmpty() ? Claim.IN_FLIGHT : Boolean.TRUE.equals(published.get(0)) ? Claim.DONE
                : Claim.IN_FLIGHT;
    }

    /** The claimed delivery's events are in Kafka. */
    public static void published(String key) {
        getEntityManager().createNativeQuery("UPDATE webhook_delivery SET published = TRUE WHERE delivery_key = :key")
                .setParameter("key", key).executeUpdate();
    }

    /** The claimed delivery could not be published: another delivery of it may take the key. */
    public static void release(String key) {
        getEntityManager().createNativeQuery(
                "DELETE FROM webhook_delivery WHERE delivery_key = :key AND NOT published").setParameter("key", key)
                .executeUpdate();
    }

    /** Deletes at most {@code batch} deliveries received before {@code cutoff}; returns how many went. */
    public static int purgeReceivedBefore(Instant cutoff, int batch) {
        return getEntityManager().createNativeQuery("""
                DELETE FROM webhook_delivery WHERE delivery_key IN (
                    SELECT delivery_key FROM webhook_delivery WHERE received_at < :cutoff LIMIT :batch)""")
                .setParameter("cutoff", cutoff).setParameter("batch", batch).executeUpdate();
    }

    /** How often one platform event type arrived unrecognised, and when last. */
    public record UnrecognisedType(String platform, String type, long count, Instant lastReceivedAt) {
    }

    /** The unrecognised types received since {@code since}, the most frequent first: what to map next. */
    public static List<UnrecognisedType> unrecognisedSince(Instant since, String platform) {
        return getEntityManager().createQuery("""
                SELECT new io.qunguan.group.domain.WebhookDelivery$UnrecognisedType(d.platform, d.type, count(d),
                    max(d.receivedAt))
                FROM WebhookDelivery d
                WHERE d.raw IS NOT NULL AND d.receivedAt >= :since AND (:platform IS NULL OR d.platform = :platform)
                GROUP BY d.platform, d.type ORDER BY count(d) DESC, d.platform, d.type""", UnrecognisedType.class)
                .setParameter("since", since).setParameter("platform", platform).setMaxResults(500).getResultList();
    }

    /** One unrecognised delivery as it arrived (decrypted), for auditors deciding how to map its type. */
    public record UnrecognisedBody(String key, String platform, String type, Instant receivedAt, String raw) {
    }

    /** The latest unrecognised bodies of one platform event type since {@code since}, newest first. */
    public static List<UnrecognisedBody> unrecognisedBodies(String platform, String type, Instant since, int limit) {
        return getEntityManager().createQuery("""
                SELECT new io.qunguan.group.domain.WebhookDelivery$UnrecognisedBody(d.key, d.platform, d.type,
                    d.receivedAt, d.raw)
                FROM WebhookDelivery d
                WHERE d.raw IS NOT NULL AND d.platform = :platform AND d.type = :type AND d.receivedAt >= :since
                ORDER BY d.receivedAt DESC""", UnrecognisedBody.class)
                .setParameter("platform", platform).setParameter("type", type).setParameter("since", since)
                .setMaxResults(limit).getResultList();
    }
}
