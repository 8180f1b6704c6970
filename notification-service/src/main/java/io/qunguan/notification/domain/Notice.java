package io.qunguan.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A notice to one person, waiting to be delivered. */
@Entity
public class Notice extends PanacheEntityBase {

    /** Delivery state. */
    public enum Status { PENDING, DELIVERED }

    @Id
    public UUID id;
    @Column(name = "recipient_id")
    public String recipientId;
    @Column(name = "group_id")
    public String groupId;
    public String kind;
    @Column(name = "subject_id")
    public UUID subjectId;
    public String body;
    public String status;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** Records a notice waiting to be delivered; {@code subjectId} makes it once per kind. */
    static Notice pending(String recipientId, String groupId, String kind, UUID subjectId, String body) {
        Notice notice = new Notice();
        notice.id = UUID.randomUUID();
        notice.recipientId = recipientId;
        notice.groupId = groupId;
        notice.kind = kind;
        notice.subjectId = subjectId;
        notice.body = body;
        notice.status = Status.PENDING.name();
        notice.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        notice.persist();
        return notice;
    }
}
