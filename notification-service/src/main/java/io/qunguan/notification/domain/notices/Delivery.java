package io.qunguan.notification.domain.notices;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One channel's try to deliver a notice, from planned to sent or given up. */
@Entity
public class Delivery extends PanacheEntityBase {

    /** Where a delivery stands. */
    public enum Status {
        /** Waiting for its (next) attempt. */
        PENDING,
        /** An attempt is being made; recorded before the call, so a crash mid-call is known afterwards. */
        SENDING,
        SENT,
        /** The channel cannot deliver it; the next channel takes over. */
        FAILED,
        /** The call went out and its answer was lost, on a channel that must not send twice. */
        UNCERTAIN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "notice_id")
    public UUID noticeId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public int position;
    /** {@code <platform>:<userId>} for IM, {@code mail:<address>} for e-mail. */
    public String destination;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "due_at")
    public OffsetDateTime dueAt;
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;
    public String detail;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    public static List<Delivery> of(UUID noticeId) {
        return list("noticeId = ?1 order by position", noticeId);
    }
}
