package io.qunguan.group.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** One administrative action in the audit log: who did what to which object, when and why. Never updated. */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String actor;
    @Column(name = "actor_role")
    public String actorRole;
    public String action;
    @Column(name = "object_type")
    public String objectType;
    @Column(name = "object_id")
    public String objectId;
    public String reason;
    public String detail;
    public OffsetDateTime at;

    /** Writes an entry in the caller's transaction, so the log holds exactly the actions that took effect. */
    public static AuditEntry record(Actor actor, String action, String objectType, String objectId, String reason,
            String detail) {
        AuditEntry entry = new AuditEntry();
        entry.actor = actor.id();
        entry.actorRole = actor.role();
        entry.action = action;
        entry.objectType = objectType;
        entry.objectId = objectId;
        entry.reason = reason;
        entry.detail = detail;
        entry.at = OffsetDateTime.now(ZoneOffset.UTC);
        entry.persist();
        return entry;
    }

    /** The entries about one object, oldest first. */
    public static List<AuditEntry> about(String objectType, String objectId) {
        return list("objectType = ?1 and objectId = ?2 order by id", objectType, objectId);
    }
}
