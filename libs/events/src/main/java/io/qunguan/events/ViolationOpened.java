package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A violation of a POLICIES.md duty: one per offending message (however many rules it breaks) or per breach
 * group-service found. {@code ruleId}, {@code category} and {@code severity} are those of the most serious finding.
 *
 * @param groupId        the Qunguan group, or {@code <platform>:<chatId>} for a chat no group holds
 * @param platform       the platform of the chat it happened in; null for a breach outside any chat
 * @param chatId         the chat on that platform; null with {@code platform}
 * @param memberId       the offender's platform user id in that chat
 * @param employeeId     the offender in the directory; null when the group's roster does not know them
 * @param messageId      the offending message, or {@code breach:<breachId>}
 * @param maskedEvidence the offending text with personal data masked; never the raw message
 * @param findings       every rule the message broke, in text order
 * @param policy         the policy the violation was judged by
 * @param offence        the offender's offence number within the ladder's repeat window (1 for a first offence); 0
 *                       when the policy records this violation without sanction
 * @param sanction       the sanction decided (SV-2); null when the policy records this violation without sanction
 */
public record ViolationOpened(UUID violationId, String ruleId, String category, Severity severity, String groupId,
        Platform platform, String chatId, String memberId, String employeeId, String memberName, String messageId,
        String maskedEvidence, List<Finding> findings, AppliedPolicy policy, int offence, Sanction sanction,
        OffsetDateTime openedAt) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.ViolationOpened";

    /**
     * One rule a message broke.
     *
     * @param start offset of the finding's first char in the message; the evidence keeps offsets (masking replaces
     *              characters one for one)
     * @param term  the lexicon term that matched, or the detector's name ({@code phone}); never personal data
     */
    public record Finding(String category, String ruleId, Severity severity, int start, int end, String term) {
    }

    /**
     * The policy a violation was judged by.
     *
     * @param typeId         the group's type; null under the company default
     * @param version        the type's policy version; 0 under the company default
     * @param companyDefault whether the chat belongs to no registered group and the company's default policy applied
     */
    public record AppliedPolicy(String typeId, int version, boolean companyDefault) {

        public static final AppliedPolicy COMPANY_DEFAULT = new AppliedPolicy(null, 0, true);
    }

    public ViolationOpened {
        Objects.requireNonNull(violationId, "violationId");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(groupId, "groupId");
        if ((platform == null) != (chatId == null)) {
            throw new IllegalArgumentException("platform and chatId come together");
        }
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** Whether a sanction was decided, rather than the violation only recorded. */
    public boolean sanctioned() {
        return sanction != null;
    }

    @Override
    public String subject() {
        return groupId;
    }
}
