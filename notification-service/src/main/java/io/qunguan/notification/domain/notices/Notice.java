package io.qunguan.notification.domain.notices;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A notice to one person (by employee id), to a role's queue, or, until the directory places it, to the platform
 * address its event named. Its text is rendered from {@link #params} in the reader's language when it is sent or read.
 */
@Entity
public class Notice extends PanacheEntityBase {

    /** Where a notice stands. */
    public enum Status {
        /** For a platform user, or a person, the directory has not described yet. */
        UNRESOLVED,
        /** For a role's queue, read there (HR's). */
        QUEUED,
        /** Being delivered. */
        PENDING,
        /** Delivered on one of its channels. */
        SENT,
        /** Every channel failed: in the operators' queue. */
        FAILED,
        /** Sent, but the platform's answer was lost and the message must not be sent again: an operator checks. */
        UNCERTAIN
    }

    @Id
    public UUID id;
    @Column(name = "recipient_id")
    public String recipientId;
    public String address;
    public String audience;
    @Column(name = "group_id")
    public String groupId;
    @Enumerated(EnumType.STRING)
    public NoticeKind kind;
    @Column(name = "subject_id")
    public UUID subjectId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> params;
    @Enumerated(EnumType.STRING)
    public Status status;
    public boolean urgent;
    /** Of little weight: waits {@code digest-window} and goes with the person's others in one message. */
    public boolean digest;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
