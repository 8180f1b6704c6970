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

    /** The latest deliveries of types Qunguan does not map, newest first. */
    public static List<WebhookDelivery> unrecognised(String platform, int limit) {
        return find(platform == null ? "raw is not null order by receivedAt desc"
                : "raw is not null and platform = ?1 order by receivedAt desc",
                platform == null ? new Object[0] : new Object[] {platform})
                .page(0, limit).list();
    }

    /** Forgets deliveries received before {@code cutoff}; returns how many. */
    public static long purgeBefore(Instant cutoff) {
        return delete("receivedAt < ?1", cutoff);
    }
}
