package io.qunguan.moderation.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A recorded violation (SV-1): which duty, by whom, where, the masked evidence and the sanction decided. */
@Entity
public class Violation extends PanacheEntityBase {

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

    /** Violations of {@code memberId} opened since {@code since}: the history the ladder escalates on. */
    public static long countSince(String memberId, OffsetDateTime since) {
        return count("memberId = ?1 and openedAt >= ?2", memberId, since);
    }
}
