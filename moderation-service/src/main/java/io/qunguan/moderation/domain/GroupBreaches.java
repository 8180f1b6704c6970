package io.qunguan.moderation.domain;

import io.qunguan.eventing.Outbox;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.PolicyBreachFound;
import io.qunguan.events.Severity;
import io.qunguan.moderation.config.CurrentLexicon;
import io.qunguan.moderation.engine.Finding;
import io.qunguan.moderation.engine.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Turns what group-service finds about groups and members (GL-4 naming, MB-1 invite control, MB-3 nicknames, MB-4
 * unknown people, MB-6 leaving, MB-8 eligibility) into violations of the person who broke the rule, on the same
 * sanctions ladder as content violations (SV-1, SV-2). A finding that nobody broke a rule by (an unknown person
 * joining on their own) is no one's violation: it stays the owner's task in group-service.
 */
@ApplicationScoped
public class GroupBreaches {

    static final String CONSUMER = "moderation-service:group-breaches";

    private final CurrentLexicon lexicon;
    private final ProcessedEvents processed;
    private final Outbox outbox;

    public GroupBreaches(CurrentLexicon lexicon, ProcessedEvents processed, Outbox outbox) {
        this.lexicon = lexicon;
        this.processed = processed;
        this.outbox = outbox;
    }

    /** Records the breach as a violation of its offender; nothing for a duplicate or a breach without an offender. */
    @Transactional
    public void record(EventEnvelope<PolicyBreachFound> event) {
        PolicyBreachFound breach = event.data();
        if (!processed.firstTime(CONSUMER, event.id()) || breach.offenderId() == null) {
            return;
        }
        Severity severity = severityOf(breach.ruleId());
        long prior = Violation.countSince(breach.offenderId(), breach.foundAt().minus(ModerationService.LADDER_WINDOW));
        Violation violation = Violation.open(EventIds.nameBased(breach.breachId(), breach.ruleId()), breach.ruleId(),
                categoryOf(breach.ruleId()), severity, breach.groupId(), breach.offenderId(), null,
                "breach:" + breach.breachId(), evidenceOf(breach), SanctionLadder.decide(severity, prior),
                breach.foundAt());
        outbox.add(EventEnvelope.of(UUID.randomUUID(), ModerationService.SOURCE, violation.openedAt,
                violation.opened()));
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

    /** The finding's detail and the chat, with personal data the lexicon finds (a phone number in a nickname) masked. */
    private String evidenceOf(PolicyBreachFound breach) {
        String text = (breach.chat() == null ? "" : breach.chat() + ": ") + (breach.detail() == null ? ""
                : breach.detail());
        List<Finding> findings = lexicon.engine().scan(text);
        return ModerationService.truncate(findings.isEmpty() ? text : Masking.mask(text, findings));
    }
}
