package io.qunguan.group.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
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
