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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** Entries matching the filters given (null filters match all), newest first, one page. */
    public static List<AuditEntry> search(String objectType, String objectId, String actor, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (objectType != null) {
            query.append(" and objectType = :objectType");
            parameters.put("objectType", objectType);
        }
        if (objectId != null) {
            query.append(" and objectId = :objectId");
            parameters.put("objectId", objectId);
        }
        if (actor != null) {
            query.append(" and actor = :actor");
            parameters.put("actor", actor);
        }
        return find(query + " order by id desc", parameters).page(page, size).list();
    }
}
