package io.qunguan.moderation.domain;

import io.qunguan.eventing.Outbox;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.AcknowledgementOverdue;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.EventJson;
import io.qunguan.events.MeetingBreachFound;
import io.qunguan.events.Platform;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.moderation.domain.Offences.Decision;
import io.qunguan.moderation.domain.policy.ContentAction;
import io.qunguan.moderation.domain.policy.GroupPolicies;
import io.qunguan.moderation.domain.policy.GroupPolicies.Applicable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns what notification-service finds about notices and meetings (BH-6 a notice a member did not acknowledge, MT-1 a
 * meeting noticed late or incompletely, MT-2 no minutes by the deadline) into violations of the member or the
 * organiser, on the group's sanctions ladder (SV-1, SV-2, SV-8). The group's policy decides each by its category, as
 * it decides a message's: allowed, recorded, sanctioned on the ladder or a fixed sanction.
 */
@ApplicationScoped
public class NotificationFindings {

    static final String CONSUMER = "moderation-service:notification-findings";
    static final String UNACKNOWLEDGED_NOTICE = "unacknowledged-notice";
    static final String MEETING_NOTICE = "meeting-notice";
    static final String MEETING_MINUTES = "meeting-minutes";

    private final Evidence evidence;
    private final GroupPolicies policies;
    private final Offences offences;
    private final Escalations escalations;
    private final ProcessedEvents processed;
    private final Outbox outbox;

    public NotificationFindings(Evidence evidence, GroupPolicies policies, Offences offences, Escalations escalations,
            ProcessedEvents processed, Outbox outbox) {
        this.evidence = evidence;
        this.policies = policies;
        this.offences = offences;
        this.escalations = escalations;
        this.processed = processed;
        this.outbox = outbox;
    }

    /**
     * A finding about a person, as a violation needs it: the violation's id is derived from the finding's own ids, so
     * a finding published again, even under a new event id, cannot open a second one.
     */
    private record Found(UUID violationId, String ruleId, String category, String groupId, Platform platform,
            String chatId, String memberId, String employeeId, String messageId, String term, String text,
            OffsetDateTime at) {
    }

    /**
     * Records an overdue acknowledgement or a meeting breach as a violation of the person concerned; nothing for the
     * topic's other events, a duplicate, or a category the group's policy allows.
     */
    @Transactional
    public Optional<ViolationOpened> record(EventEnvelope<?> event) {
        Found found;
        switch (event.data()) {
            case AcknowledgementOverdue overdue -> found = new Found(
                    EventIds.nameBased(overdue.noticeId(), overdue.memberId()), "BH-6", UNACKNOWLEDGED_NOTICE,
                    overdue.groupId(), overdue.platform(), overdue.chatId(), overdue.memberId(), overdue.employeeId(),
                    "notice:" + overdue.noticeId(), "not acknowledged", "未确认群通知：" + text(overdue.excerpt()),
                    overdue.dueAt() != null ? overdue.dueAt() : event.time());
            case MeetingBreachFound breach -> found = new Found(
                    EventIds.nameBased(breach.meetingId(), breach.ruleId()), breach.ruleId(),
                    categoryOf(breach.ruleId()), breach.groupId(), breach.platform(), breach.chatId(),
                    breach.organiserId(), breach.organiserEmployeeId(),
                    "meeting:" + breach.meetingId() + ":" + breach.ruleId(), breach.detail(),
                    (breach.topic() == null ? "" : breach.topic() + "：") + text(breach.detail()),
                    breach.foundAt() != null ? breach.foundAt() : event.time());
            default -> {
                // notices, deliveries and acknowledgements themselves are not moderation's business
                return Optional.empty();
            }
        }
        if (!processed.firstTime(CONSUMER, event.id()) || Violation.findById(found.violationId()) != null) {
            return Optional.empty();
        }
        Applicable applicable = policies.applicableTo(found.groupId());
        ContentAction action = applicable.policy().actionFor(found.category());
        if (!action.violation()) {
            return Optional.empty();
        }
        String employeeId = found.employeeId();
        if (employeeId == null && found.platform() != null && found.memberId() != null) {
            employeeId = policies.employeeOf(applicable.groupId(), found.platform().chatKey(found.memberId()))
                    .orElse(null);
        }
        Violation.Offence offence = new Violation.Offence(applicable.groupId(), found.platform(), found.chatId(),
                found.memberId(), employeeId, null, found.messageId(), found.at());
        Decision decision = offences.decide(offence.offender(), action, Severity.LOW, applicable.policy().ladder(),
                found.at());
        ViolationOpened.Finding finding = new ViolationOpened.Finding(found.category(), found.ruleId(), Severity.LOW,
                0, 0, found.term());
        Violation violation = Violation.open(found.violationId(), offence, List.of(finding),
                evidence.masked(found.text()), applicable.applied(), decision.offence(), decision.sanction());
        ViolationOpened opened = violation.opened();
        outbox.add(EventEnvelope.of(UUID.randomUUID(), ModerationService.SOURCE, violation.openedAt, opened));
        escalations.consider(violation, applicable.policy().escalation());
        return Optional.of(opened);
    }

    /** MT-1 is about the meeting's notice, MT-2 about its minutes; the contract knows no other meeting duty. */
    static String categoryOf(String ruleId) {
        return switch (ruleId) {
            case "MT-1" -> MEETING_NOTICE;
            case "MT-2" -> MEETING_MINUTES;
            default -> throw new EventJson.MalformedEventException("a meeting breach of " + ruleId
                    + ", not MT-1 or MT-2");
        };
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
