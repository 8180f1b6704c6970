package io.qunguan.notification.domain;

import io.quarkus.panache.common.Sort;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.ViolationOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Records the notices people are owed; delivery (IM robots, e-mail, quiet hours) is not built yet. */
@ApplicationScoped
public class NoticeService {

    static final String CONSUMER = "notification-service:violations";
    static final String VIOLATION_NOTICE = "VIOLATION";

    private final ProcessedEvents processed;

    public NoticeService(ProcessedEvents processed) {
        this.processed = processed;
    }

    /** The offender is told what rule they broke and what sanction follows (SV-1, SV-2). */
    @Transactional
    public void recordViolationNotice(EventEnvelope<ViolationOpened> event) {
        if (!processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        ViolationOpened violation = event.data();
        if (violation.memberId() == null || Notice.count("kind = ?1 and subjectId = ?2", VIOLATION_NOTICE,
                violation.violationId()) > 0) {
            return;
        }
        Notice.pending(violation.memberId(), violation.groupId(), VIOLATION_NOTICE, violation.violationId(),
                "您在群 %s 违反了工作群规定 %s（%s），处理：%s。如有异议可申诉。".formatted(
                        violation.groupId(), violation.ruleId(), violation.category(), violation.sanction()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notice> noticesFor(String recipientId) {
        return Notice.list("recipientId", Sort.descending("createdAt"), recipientId);
    }
}
