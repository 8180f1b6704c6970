package io.qunguan.reporting.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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
    public String platform;
    @Column(name = "chat_id")
    public String chatId;
    @Column(name = "employee_id")
    public String employeeId;
    /** Every rule the message broke, the most serious first ({@link #ruleId}). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> rules;
    @Column(name = "policy_type")
    public String policyType;
    @Column(name = "policy_version")
    public int policyVersion;
    @Column(name = "company_default")
    public boolean companyDefault;
    public int offence;
    /** The sanction's kind; null for a violation only recorded. */
    public String sanction;
    @Column(name = "sanction_minutes")
    public Integer sanctionMinutes;
    @Column(name = "sanction_yuan")
    public Integer sanctionYuan;
    @Column(name = "opened_at")
    public OffsetDateTime openedAt;
    /** When an upheld appeal reversed it (SV-6), by whom and why; null while it stands. */
    @Column(name = "reversed_at")
    public OffsetDateTime reversedAt;
    @Column(name = "reversal_reason")
    public String reversalReason;
    @Column(name = "reversed_by")
    public String reversedBy;
}
