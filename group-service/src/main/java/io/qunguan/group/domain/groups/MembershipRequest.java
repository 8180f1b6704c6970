package io.qunguan.group.domain.groups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A membership change asked for in Qunguan before it is made on the platform (MB-2). */
@Entity
@Table(name = "membership_request")
public class MembershipRequest extends PanacheEntityBase {

    /** What is asked: to add a person to the group or to take them out. */
    public enum Change { ADD, REMOVE }

    /** PENDING until reviewed; APPROVED until the change is seen on the platform, then DONE. */
    public enum Status { PENDING, APPROVED, REJECTED, DONE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "group_id")
    public String groupId;
    @Enumerated(EnumType.STRING)
    public Change change;
    @Column(name = "employee_id")
    public String employeeId;
    public String reason;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> concerns;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
    @Column(name = "decision_reason")
    public String decisionReason;
    @Column(name = "done_at")
    public OffsetDateTime doneAt;

    /** The approved request to make this change for this person in this group, if one waits for the platform. */
    static Optional<MembershipRequest> approved(String groupId, String employeeId, Change change) {
        return find("groupId = ?1 and employeeId = ?2 and change = ?3 and status = ?4", groupId, employeeId, change,
                Status.APPROVED).firstResultOptional();
    }

    static boolean live(String groupId, String employeeId, Change change) {
        return count("groupId = ?1 and employeeId = ?2 and change = ?3 and status in ?4", groupId, employeeId, change,
                List.of(Status.PENDING, Status.APPROVED)) > 0;
    }
}
