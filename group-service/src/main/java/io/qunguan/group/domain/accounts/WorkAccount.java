package io.qunguan.group.domain.accounts;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A work IM account from its application (AC-1) to its reclaiming (AC-3). */
@Entity
@Table(name = "work_account")
public class WorkAccount extends PanacheEntityBase {

    /** Where an application or account stands. */
    public enum Status {
        /** Applied for; the department head reviews it. */
        REQUESTED,
        /** The department head agreed; a company leader approves it. */
        REVIEWED,
        /** A company leader approved; HR allocates the account. */
        APPROVED,
        /** In use by its holder. */
        ALLOCATED,
        REJECTED,
        /** Reported lost or stolen; HR recovers it through the platform's official path (AC-4). */
        LOST,
        /** Handed back (AC-3). */
        RECLAIMED
    }

    @Id
    public String id;
    @Column(name = "employee_id")
    public String employeeId;
    public String platform;
    public String reason;
    @Column(name = "period_from")
    public LocalDate periodFrom;
    @Column(name = "period_to")
    public LocalDate periodTo;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;
    @Column(name = "platform_user_id")
    public String platformUserId;
    @Column(name = "reviewed_by")
    public String reviewedBy;
    @Column(name = "review_reason")
    public String reviewReason;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "approval_reason")
    public String approvalReason;
    @Column(name = "allocated_by")
    public String allocatedBy;
    @Column(name = "allocated_at")
    public OffsetDateTime allocatedAt;
    @Column(name = "lost_at")
    public OffsetDateTime lostAt;
    @Column(name = "loss_detail")
    public String lossDetail;
    @Column(name = "reclaimed_at")
    public OffsetDateTime reclaimedAt;
    @Column(name = "reclaim_reason")
    public String reclaimReason;
    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
