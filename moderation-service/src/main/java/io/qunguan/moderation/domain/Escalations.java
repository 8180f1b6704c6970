package io.qunguan.moderation.domain;

import io.qunguan.eventing.Outbox;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.ViolationEscalated;
import io.qunguan.events.ViolationOpened;
import io.qunguan.moderation.domain.policy.Escalation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Escalates a sanctioned violation to management when the group's policy says so (SV-8), in the transaction that
 * opened it: the offender's lock, taken to number the offence, is still held, so two instances counting the same
 * person's offences see each other's.
 */
@ApplicationScoped
public class Escalations {

    private final Outbox outbox;

    public Escalations(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Publishes and returns the escalation of {@code violation}, if the policy calls for one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ViolationEscalated> consider(Violation violation, Escalation policy) {
        if (violation.offence == 0) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        if (policy.severities().contains(violation.severity)) {
            reasons.add("severity " + violation.severity);
        }
        violation.findings.stream().map(ViolationOpened.Finding::ruleId).distinct().filter(policy.rules()::contains)
                .forEach(rule -> reasons.add("rule " + rule));
        int recent = 0;
        if (policy.offences() != null) {
            recent = Violation.offencesSince(violation.offender, violation.openedAt.minus(policy.within()));
            if (recent > 0 && recent % policy.offences() == 0) {
                reasons.add(recent + " offences in " + policy.within().toDays() + " days");
            }
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        ViolationEscalated escalated = new ViolationEscalated(EventIds.nameBased(violation.id, "escalation"),
                violation.id, violation.ruleId, violation.severity, violation.groupId, violation.opened().platform(),
                violation.chatId, violation.memberId, violation.employeeId, violation.memberName,
                violation.maskedEvidence, violation.sanction(), reasons, recent, violation.openedAt);
        outbox.add(EventEnvelope.of(UUID.randomUUID(), ModerationService.SOURCE, violation.openedAt, escalated));
        return Optional.of(escalated);
    }
}
