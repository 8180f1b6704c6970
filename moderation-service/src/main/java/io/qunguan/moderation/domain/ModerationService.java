package io.qunguan.moderation.domain;

import io.qunguan.eventing.Outbox;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.moderation.config.CurrentLexicon;
import io.qunguan.moderation.engine.Finding;
import io.qunguan.moderation.engine.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Judges a message against the content rules (CT-*), opens one violation per offending category with masked
 * evidence, decides its sanction (SV-2) and publishes {@link ViolationOpened} through the outbox, all in the
 * transaction that records the message as processed.
 */
@ApplicationScoped
public class ModerationService {

    static final String CONSUMER = "moderation-service:messages";
    static final int EVIDENCE_LIMIT = 500;
    static final Duration LADDER_WINDOW = Duration.ofDays(90);
    static final String SOURCE = "/moderation-service";

    private final CurrentLexicon lexicon;
    private final ProcessedEvents processed;
    private final Outbox outbox;

    public ModerationService(CurrentLexicon lexicon, ProcessedEvents processed, Outbox outbox) {
        this.lexicon = lexicon;
        this.processed = processed;
        this.outbox = outbox;
    }

    /** Returns the violations opened; none for a duplicate delivery. */
    @Transactional
    public List<ViolationOpened> judge(EventEnvelope<MessagePosted> event) {
        if (!processed.firstTime(CONSUMER, event.id())) {
            return List.of();
        }
        MessagePosted message = event.data();
        List<Finding> findings = lexicon.engine().scan(message.text());
        if (findings.isEmpty()) {
            return List.of();
        }
        String evidence = truncate(Masking.mask(message.text(), findings));
        Map<String, Finding> byCategory = new LinkedHashMap<>();
        findings.forEach(finding -> byCategory.putIfAbsent(finding.category(), finding));
        long prior = Violation.countSince(message.senderId(), event.time().minus(LADDER_WINDOW));
        List<ViolationOpened> opened = new ArrayList<>();
        for (Finding finding : byCategory.values()) {
            Severity severity = Severity.valueOf(finding.severity().toUpperCase(Locale.ROOT));
            // one violation per message and category: its id is derived, so a replay cannot open it twice
            Violation violation = Violation.open(EventIds.nameBased(event.id(), finding.category()),
                    finding.ruleId(), finding.category(), severity, message.groupId(), message.senderId(),
                    message.senderName(), message.messageId(), evidence, SanctionLadder.decide(severity, prior++),
                    event.time());
            ViolationOpened payload = violation.opened();
            outbox.add(EventEnvelope.of(UUID.randomUUID(), SOURCE, violation.openedAt, payload));
            opened.add(payload);
        }
        return opened;
    }

    static String truncate(String text) {
        return text.length() <= EVIDENCE_LIMIT ? text : text.substring(0, EVIDENCE_LIMIT) + "…";
    }
}
