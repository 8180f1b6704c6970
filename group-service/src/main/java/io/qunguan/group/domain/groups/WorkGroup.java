package io.qunguan.group.domain.groups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A work group, from its request (GL-1) to its dissolution (GL-8). */
@Entity
@Table(name = "work_group")
public class WorkGroup extends PanacheEntityBase {

    /** Where a group stands in its life. */
    public enum Status { REQUESTED, REJECTED, APPROVED, ACTIVE, DISSOLVED }

    /** Another group a request resembles (GL-3), and why. */
    public record Duplicate(String groupId, String name, String reason) {
    }

    @Id
    public String id;
    @Column(name = "type_id")
    public String typeId;
    public String name;
    @Column(name = "department_id")
    public String departmentId;
    @Column(name = "project_id")
    public String projectId;
    public String purpose;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "requested_by")
    public String requestedBy;
    /** Overrides of the parts of the type's policy the type lets a group override (GL-7), part name to value. */
    @Column(name = "policy_overrides")
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> policyOverrides = new TreeMap<>();
    @Column(name = "intended_members")
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> intendedMembers;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Duplicate> duplicates;
    @Column(name = "ends_on")
    public LocalDate endsOn;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int round;
    @Column(name = "next_step")
    public int nextStep;
    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    /** Employee ids of the group's admins (GL-5), besides its owner. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> admins = List.of();
    /** Takes the group over when its owner leaves or transfers; else the owner's manager does (GL-5). */
    @Column(name = "successor_id")
    public String successorId;
    @Column(name = "activated_at")
    public OffsetDateTime activatedAt;
    @Column(name = "announcement_due_at")
    public OffsetDateTime announcementDueAt;
    @Column(name = "last_activity_at")
    public OffsetDateTime lastActivityAt;
    @Column(name = "next_review_at")
    public OffsetDateTime nextReviewAt;
    @Column(name = "dissolved_at")
    public OffsetDateTime dissolvedAt;
    @Column(name = "dissolution_reason")
    public String dissolutionReason;

    /** Whether the person owns or administers the group. */
    boolean managedBy(String employeeId) {
        return employeeId != null && (employeeId.equals(ownerId) || admins.contains(employeeId));
    }

    /** Groups that exist or are on their way to existing: the ones a new request could duplicate. */
    static List<WorkGroup> live() {
        return list("status in ?1", List.of(Status.REQUESTED, Status.APPROVED, Status.ACTIVE));
    }
}
