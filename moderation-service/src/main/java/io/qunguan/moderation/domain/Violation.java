package io.qunguan.moderation.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
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

    /** Records a violation; its {@code id} is derived from the event it comes from, so a replay cannot open it twice. */
    static Violation open(UUID id, String ruleId, String category, Severity severity, String groupId, String memberId,
            String memberName, String messageId, String maskedEvidence, String sanction, OffsetDateTime openedAt) {
        Violation violation = new Violation();
        violation.id = id;
        violation.ruleId = ruleId;
        violation.category = category;
        violation.severity = severity.name();
        violation.groupId = groupId;
        violation.memberId = memberId;
        violation.memberName = memberName;
        violation.messageId = messageId;
        violation.maskedEvidence = maskedEvidence;
        violation.sanction = sanction;
        violation.openedAt = openedAt;
        violation.persist();
        return violation;
    }

    /** The event that announces this violation on {@code moderation.violations}. */
    ViolationOpened opened() {
        return new ViolationOpened(id, ruleId, category, Severity.valueOf(severity), groupId, memberId, memberName,
                messageId, maskedEvidence, sanction, openedAt);
    }

    /** Violations of {@code memberId} opened since {@code since}: the history the ladder escalates on. */
    public static long countSince(String memberId, OffsetDateTime since) {
        return count("memberId = ?1 and openedAt >= ?2", memberId, since);
    }
}
