package io.qunguan.moderation.domain;

import io.qunguan.eventing.Outbox;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.Platform;
import io.qunguan.events.PolicyBreachFound;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.moderation.domain.Offences.Decision;
import io.qunguan.moderation.domain.policy.ContentAction;
import io.qunguan.moderation.domain.policy.GroupPolicies;
import io.qunguan.moderation.domain.policy.GroupPolicies.Applicable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns what group-service finds about groups and members (GL-4 naming, MB-1 invite control, MB-3 nicknames, MB-4
 * unknown people, MB-6 leaving, MB-8 eligibility) into violations of the person who broke the rule, on the group's
 * sanctions ladder like content violations (SV-1, SV-2). A finding that nobody broke a rule by (an unknown person
 * joining on their own) is no one's violation: it stays the owner's task in group-service.
 */
@ApplicationScoped
public class GroupBreaches {

    static final String CONSUMER = "moderation-service:group-breaches";

    private final Evidence evidence;
    private final GroupPolicies policies;
    private final Offences offences;
    private final Escalations escalations;
    private final ProcessedEvents processed;
    private final Outbox outbox;

    public GroupBreaches(Evidence evidence, GroupPolicies policies, Offences offences, Escalations escalations,
            ProcessedEvents processed, Outbox outbox) {
        this.evidence = evidence;
        this.policies = policies;
        this.offences = offences;
        this.escalations = escalations;
        this.processed = processed;
        this.outbox = outbox;
    }

    /** Records the breach as a violation of its offender; nothing for a duplicate or a breach without an offender. */
    @Transactional
    public Optional<ViolationOpened> record(EventEnvelope<PolicyBreachFound> event) {
        PolicyBreachFound breach = event.data();
        if (!processed.firstTime(CONSUMER, event.id()) || breach.offenderId() == null) {
            return Optional.empty();
        }
        Applicable applicable = policies.applicableTo(breach.groupId());
        Severity severity = severityOf(breach.ruleId());
        Platform platform = null;
        String chatId = null;
        int colon = breach.chat() == null ? -1 : breach.chat().indexOf(':');
        if (colon > 0) {
            platform = Platform.find(breach.chat().substring(0, colon)).orElse(null);
            chatId = platform == null ? null : breach.chat().substring(colon + 1);
        }
        String employeeId = breach.offenderId().equals(breach.memberId()) ? breach.employeeId() : null;
        if (employeeId == null && platform != null) {
            employeeId = policies.employeeOf(applicable.groupId(), platform.chatKey(breach.offenderId())).orElse(null);
        }
        Violation.Offence offence = new Violation.Offence(applicable.groupId(), platform, chatId,
                breach.offenderId(), employeeId, null, "breach:" + breach.breachId(), breach.foundAt());
        Decision decision = offences.decide(offence.offender(), ContentAction.SANCTION, severity,
                applicable.policy().ladder(), breach.foundAt());
        ViolationOpened.Finding finding = new ViolationOpened.Finding(categoryOf(breach.ruleId()), breach.ruleId(),
                severity, 0, 0, breach.remedy());
        Violation violation = Violation.open(EventIds.nameBased(breach.breachId(), breach.ruleId()), offence,
                List.of(finding), evidenceOf(breach), applicable.applied(), decision.offence(), decision.sanction());
        ViolationOpened opened = violation.opened();
        outbox.add(EventEnvelope.of(UUID.randomUUID(), ModerationService.SOURCE, violation.openedAt, opened));
        escalations.consider(violation, applicable.policy().escalation());
        return Optional.of(opened);
    }

    /**
     * A wrong name or nickname is a slip (LOW); adding or keeping people who should not be there, or walking out of a
     * group one must stay in, works against the group's control (MEDIUM).
     */
    static Severity severityOf(String ruleId) {
        return switch (ruleId) {
            case "GL-4", "MB-3" -> Severity.LOW;
            default -> Severity.MEDIUM;
        };
    }

    static String categoryOf(String ruleId) {
        return ruleId.startsWith("GL-") ? "group" : "membership";
    }

    /**
     * The chat and the finding's detail, the detail with personal data (a phone number in a nickname) and long digit
     * runs masked; the chat's key is an identifier, kept as it is.
     */
    private String evidenceOf(PolicyBreachFound breach) {
        return (breach.chat() == null ? "" : breach.chat() + ": ")
                + evidence.masked(breach.detail() == null ? "" : breach.detail());
    }
}
