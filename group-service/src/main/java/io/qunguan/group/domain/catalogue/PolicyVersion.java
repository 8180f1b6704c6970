package io.qunguan.group.domain.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a group type's policy (SV-9): proposed by one person, approved or rejected by another. */
@Entity
@Table(name = "policy_version")
public class PolicyVersion extends PanacheEntityBase {

    /** Where a version stands. */
    public enum Status { PROPOSED, APPROVED, REJECTED }

    /** The type and the version number. */
    @Embeddable
    public record Key(@Column(name = "type_id") String typeId, int version) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "type_name")
    public String typeName;
    public String description;
    @JdbcTypeCode(SqlTypes.JSON)
    public String document;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "proposed_by")
    public String proposedBy;
    @Column(name = "proposed_at")
    public OffsetDateTime proposedAt;
    public String reason;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
    @Column(name = "decision_reason")
    public String decisionReason;

    static List<PolicyVersion> of(String typeId) {
        return list("key.typeId = ?1 order by key.version", typeId);
    }

    static int latestVersion(String typeId) {
        Integer latest = find("select max(key.version) from PolicyVersion where key.typeId = ?1", typeId)
                .project(Integer.class).firstResult();
        return latest == null ? 0 : latest;
    }

    static Optional<PolicyVersion> open(String typeId) {
        return find("key.typeId = ?1 and status = ?2", typeId, Status.PROPOSED).firstResultOptional();
    }
}
