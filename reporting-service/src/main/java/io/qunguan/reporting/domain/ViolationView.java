package io.qunguan.reporting.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One violation as HR and auditors see it. */
@Entity
@Table(name = "violation_view")
public class ViolationView extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "rule_id")
    public String ruleId;
    public String category;
    public String severity;
    @Column(name = "group_id")
    public String groupId;
    @Column(name = "member_id")
    public String memberId;
    @Column(name = "member_name")
    public String memberName;
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "masked_evidence")
    public String maskedEvidence;
    public String sanction;
    @Column(name = "opened_at")
    public OffsetDateTime openedAt;
}
