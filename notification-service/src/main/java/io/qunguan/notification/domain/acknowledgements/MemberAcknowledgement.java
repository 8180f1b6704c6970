package io.qunguan.notification.domain.acknowledgements;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Whether one member acknowledged one tracked notice, how, and how often they were reminded. */
@Entity
@Table(name = "acknowledgement")
public class MemberAcknowledgement extends PanacheEntityBase {

    /** A notice and a member ({@code <platform>:<userId>}, or {@code employee:<id>} for one in no chat). */
    @Embeddable
    public record Key(@Column(name = "notice_id") UUID noticeId, String member) {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "employee_id")
    public String employeeId;
    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;
    /** {@code KEYWORD}, {@code QUOTE} or {@code REST}. */
    public String how;
    public int reminders;
    /** Its deadline passed unacknowledged: {@code AcknowledgementOverdue} was published. */
    public boolean overdue;

    public static List<MemberAcknowledgement> of(UUID noticeId) {
        return list("key.noticeId = ?1 order by key.member", noticeId);
    }
}
