package io.qunguan.moderation.domain;

import io.qunguan.eventing.Outbox;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.moderation.config.CurrentLexicon;
import io.qunguan.moderation.domain.Offences.Decision;
import io.qunguan.moderation.domain.behaviour.Behaviour;
import io.qunguan.moderation.domain.clarity.ClearMessages;
import io.qunguan.moderation.domain.policy.ContentAction;
import io.qunguan.moderation.domain.policy.GroupPolicies.Applicable;
import io.qunguan.moderation.domain.policy.GroupPolicies;
import io.qunguan.moderation.domain.policy.ModerationPolicy;
import io.qunguan.moderation.engine.Finding;
import io.qunguan.moderation.engine.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Judges a message by its group's policy (GL-7): the content rules (CT-*) find what it contains, the behaviour rules
 * (BH-1, BH-3, BH-4) what it adds to the sender's and the group's recent conduct, the policy says which categories
 * are allowed, recorded or sanctioned there, and a message that breaks any rule opens one violation carrying all its
 * findings, with masked evidence and the sanction its offence earns on the ladder (SV-2). A leader's task opens
 * response deadlines, and a message meets its sender's (BH-5, {@link Deadlines}). The
 * violation is published through the outbox in the transaction that records the message as processed.
 */
@ApplicationScoped
public class ModerationService {

    static final String CONSUMER = "moderation-service:messages";
    static final int EVIDENCE_LIMIT = 500;
    /** The characters kept either side of an offending span: enough to read it in its sentence. */
    static final int EVIDENCE_CONTEXT = 20;
    static final String SOURCE = "/moderation-service";

    private final CurrentLexicon lexicon;
    private final GroupPolicies policies;
    private final Offences offences;
    private final Escalations escalations;
    private final Behaviour behaviour;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final Deadlines deadlines;

    public ModerationService(CurrentLexicon lexicon, GroupPolicies policies, Offences offences,
            Escalations escalations, Behaviour behaviour, ProcessedEvents processed, Outbox outbox,
            Deadlines deadlines) {
        this.lexicon = lexicon;
        this.policies = policies;
        this.offences = offences;
        this.escalations = escalations;
        this.behaviour = behaviour;
        this.processed = processed;
        this.outbox = outbox;
        this.deadlines = deadlines;
    }

    /** Returns the violation opened; none for a clean or allowed message or a duplicate delivery. */
    @Transactional
    public Optional<ViolationOpened> judge(EventEnvelope<MessagePosted> event) {
        if (!processed.firstTime(CONSUMER, event.id())) {
            return Optional.empty();
        }
        MessagePosted message = event.data();
        OffsetDateTime at = message.sentAt() != null ? message.sentAt() : event.time();
        Applicable applicable = policies.applicableTo(message.groupId());
        ModerationPolicy policy = applicable.policy();
        deadlines.observe(applicable, message, at);
        List<Finding> found = lexicon.engine().scan(message.text());
        List<ViolationOpened.Finding> findings = new ArrayList<>();
        List<Finding> offending = new ArrayList<>();
        ContentAction action = ContentAction.ALLOW;
        for (Finding finding : found) {
            ContentAction categoryAction = policy.actionFor(finding.category());
            if (categoryAction.violation()) {
                offending.add(finding);
                findings.add(new ViolationOpened.Finding(finding.category(), finding.ruleId(),
                        Severity.valueOf(finding.severity().toUpperCase(Locale.ROOT)), finding.start(),
                        finding.end(), finding.term()));
                action = stronger(action, categoryAction);
            }
        }
        if (policy.clarity() != null) {
            Optional<ClearMessages.Unclear> unclear = policy.clarity().judge(message.text());
            ContentAction categoryAction = policy.actionFor("unclear-notice");
            if (unclear.isPresent() && categoryAction.violation()) {
                findings.add(new ViolationOpened.Finding("unclear-notice", "BH-8", Severity.LOW, 0, 0,
                        unclear.get().reason()));
                action = stronger(action, categoryAction);
            }
        }
        String senderKey = message.platform().chatKey(message.senderId());
        // in a registered group the staff's rules bind the people the roster knows, not customers or guests
        BooleanSupplier staff = () -> applicable.applied().companyDefault()
                || policies.employeeOf(applicable.groupId(), senderKey).isPresent();
        for (Behaviour.Found conduct : behaviour.observe(applicable.groupId(), message, at, policy.behaviour(),
                staff)) {
            ContentAction categoryAction = policy.actionFor(conduct.category());
            if (categoryAction.violation()) {
                findings.add(new ViolationOpened.Finding(conduct.category(), conduct.ruleId(), conduct.severity(), 0,
                        0, conduct.detail()));
                action = stronger(action, categoryAction);
            }
        }
        if (findings.isEmpty()) {
            return Optional.empty();
        }
        Severity severity = findings.stream().map(ViolationOpened.Finding::severity).max(Severity::compareTo)
                .orElseThrow();
        Violation.Offence offence = new Violation.Offence(applicable.groupId(), message.platform(), message.chatId(),
                message.senderId(), policies.employeeOf(applicable.groupId(), senderKey).orElse(null),
                message.senderName(), message.messageId(), at);
        Decision decision = offences.decide(offence.offender(), action, severity, policy.ladder(), at);
        // one violation per message: its id is derived, so a replay cannot open it twice
        Violation violation = Violation.open(EventIds.nameBased(event.id(), "violation"), offence, findings,
                truncate(Masking.evidence(message.text(), found, offending, EVIDENCE_CONTEXT)),
                applicable.applied(), decision.offence(), decision.sanction());
        ViolationOpened opened = violation.opened();
        outbox.add(EventEnvelope.of(UUID.randomUUID(), SOURCE, violation.openedAt, opened));
        escalations.consider(violation, policy.escalation());
        return Optional.of(opened);
    }

    /**
     * The action for a whole message: a fixed sanction over the ladder, the ladder over a record. Of two fixed
     * sanctions the later on the default ladder's order wins.
     */
    static ContentAction stronger(ContentAction current, ContentAction candidate) {
        int byMode = candidate.mode().compareTo(current.mode());
        if (byMode != 0) {
            return byMode > 0 ? candidate : current;
        }
        if (candidate.mode() == ContentAction.Mode.FIXED
                && candidate.fixed().kind().compareTo(current.fixed().kind()) > 0) {
            return candidate;
        }
        return current;
    }

    static String truncate(String text) {
        return text.length() <= EVIDENCE_LIMIT ? text : text.substring(0, EVIDENCE_LIMIT) + "…";
    }
}
