package io.qunguan.moderation.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.qunguan.events.Platform;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.events.ViolationOpened.AppliedPolicy;
import io.qunguan.events.ViolationOpened.Finding;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A recorded violation (SV-1): which duties, by whom, where, the masked evidence, the policy applied, the offence
 * number on the offender's ladder and the sanction decided (SV-2).
 */
@Entity
public class Violation extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "rule_id")
    public String ruleId;
    public String category;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Column(name = "group_id")
    public String groupId;
    public String platform;
    @Column(name = "chat_id")
    public String chatId;
    @Column(name = "member_id")
    public String memberId;
    @Column(name = "employee_id")
    public String employeeId;
    /** Whose ladder the violation climbs: {@code employee:<id>}, else {@code <platform>:<userId>}. */
    public String offender;
    @Column(name = "member_name")
    public String memberName;
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "masked_evidence")
    public String maskedEvidence;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Finding> findings;
    @Column(name = "policy_type")
    public String policyType;
    @Column(name = "policy_version")
    public int policyVersion;
    @Column(name = "company_default")
    public boolean companyDefault;
    public int offence;
    @Enumerated(EnumType.STRING)
    @Column(name = "sanction")
    public Sanction.Kind sanctionKind;
    @Column(name = "sanction_minutes")
    public Integer sanctionMinutes;
    @Column(name = "sanction_yuan")
    public Integer sanctionYuan;
    @Column(name = "opened_at")
    public OffsetDateTime openedAt;
    /** When an upheld appeal reversed it (SV-6); null while it stands. */
    @Column(name = "reversed_at")
    public OffsetDateTime reversedAt;
    @Column(name = "reversal_reason")
    public String reversalReason;

    /** Where and by whom: the parts of a violation its source knows before the policy is applied. */
    record Offence(String groupId, Platform platform, String chatId, String memberId, String employeeId,
            String memberName, String messageId, OffsetDateTime at) {

        String offender() {
            return employeeId != null ? "employee:" + employeeId
                    : (platform == null ? "" : platform.id() + ":") + memberId;
        }
    }

    /** Records a violation; its {@code id} is derived from the event it comes from, so a replay cannot open it twice. */
    static Violation open(UUID id, Offence offence, List<Finding> findings, String maskedEvidence,
            AppliedPolicy policy, int offenceNumber, Sanction sanction) {
        Finding top = findings.get(0);
        for (Finding finding : findings) {
            if (finding.severity().compareTo(top.severity()) > 0) {
                top = finding;
            }
        }
        Violation violation = new Violation();
        violation.id = id;
        violation.ruleId = top.ruleId();
        violation.category = top.category();
        violation.severity = top.severity();
        violation.groupId = offence.groupId();
        violation.platform = offence.platform() == null ? null : offence.platform().id();
        violation.chatId = offence.chatId();
        violation.memberId = offence.memberId();
        violation.employeeId = offence.employeeId();
        violation.offender = offence.offender();
        violation.memberName = offence.memberName();
        violation.messageId = offence.messageId();
        violation.maskedEvidence = maskedEvidence;
        violation.findings = List.copyOf(findings);
        violation.policyType = policy.typeId();
        violation.policyVersion = policy.version();
        violation.companyDefault = policy.companyDefault();
        violation.offence = offenceNumber;
        violation.sanctionKind = sanction == null ? null : sanction.kind();
        violation.sanctionMinutes = sanction == null ? null : sanction.minutes();
        violation.sanctionYuan = sanction == null ? null : sanction.yuan();
        violation.openedAt = offence.at();
        violation.persist();
        return violation;
    }

    public Sanction sanction() {
        return sanctionKind == null ? null : new Sanction(sanctionKind, sanctionMinutes, sanctionYuan);
    }

    /**
     * The sanctioned violations of {@code offender} opened after {@code since}, whatever their time beyond it: the
     * offences the ladder and escalation count.
     */
    static int offencesSince(String offender, OffsetDateTime since) {
        // a violation reversed on appeal no longer counts (SV-6)
        return (int) count("offender = ?1 and offence > 0 and openedAt > ?2 and reversedAt is null", offender, since);
    }

    /** The event that announces this violation on {@code moderation.violations}. */
    ViolationOpened opened() {
        return new ViolationOpened(id, ruleId, category, severity, groupId,
                platform == null ? null : Platform.of(platform), chatId, memberId, employeeId, memberName, messageId,
                maskedEvidence, findings, new AppliedPolicy(policyType, policyVersion, companyDefault), offence,
                sanction(), openedAt);
    }
}
