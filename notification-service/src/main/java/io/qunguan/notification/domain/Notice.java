package io.qunguan.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
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
}
