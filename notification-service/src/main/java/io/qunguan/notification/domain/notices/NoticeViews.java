package io.qunguan.notification.domain.notices;

import io.qunguan.eventing.EvidenceReads;
import io.qunguan.events.Language;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Notices as people and operators read them: rendered in the recipient's language, with their deliveries. */
@ApplicationScoped
public class NoticeViews {

    /** One channel's delivery; an e-mail address is masked. */
    public record DeliveryView(Channel channel, String destination, Delivery.Status status, int attempts,
            String detail, OffsetDateTime dueAt, OffsetDateTime finishedAt) {
    }

    /** A notice; {@code subject} and {@code body} are null where the reader may not see the text. */
    public record NoticeView(UUID id, String recipientId, String address, String audience, String groupId,
            NoticeKind kind, boolean urgent, Notice.Status status, Language language, String subject, String body,
            List<DeliveryView> deliveries, OffsetDateTime createdAt) {
    }

    private final Notices notices;
    private final NoticeTemplates templates;
    private final EvidenceReads evidenceReads;

    public NoticeViews(Notices notices, NoticeTemplates templates, EvidenceReads evidenceReads) {
        this.notices = notices;
        this.templates = templates;
        this.evidenceReads = evidenceReads;
    }

    /**
     * A person's notices as {@code reader} reads them: someone else's read is audited first, since a violation's
     * notice quotes its evidence.
     */
    @Transactional
    public List<NoticeView> readBy(String employeeId, String reader, Collection<String> roles) {
        List<NoticeView> owed = of(employeeId);
        if (!employeeId.equals(reader)) {
            evidenceReads.record(reader, roles, "notices of " + employeeId,
                    owed.stream().map(notice -> notice.id().toString()).toList());
        }
        return owed;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NoticeView> of(String employeeId) {
        return notices.of(employeeId).stream().map(notice -> view(notice, true)).toList();
    }

    /** Notices in {@code status}, of one role's queue if given; {@code withText} false for operators. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NoticeView> inState(Notice.Status status, String audience, int limit, boolean withText) {
        return notices.inState(status, audience, limit).stream().map(notice -> view(notice, withText)).toList();
    }

    private NoticeView view(Notice notice, boolean withText) {
        Language language = templates.languageOf(notice.recipientId);
        NoticeTemplates.Rendered text = withText ? templates.render(notice.kind, language, notice.params) : null;
        List<DeliveryView> deliveries = Delivery.of(notice.id).stream().map(delivery -> new DeliveryView(
                delivery.channel, masked(delivery.destination), delivery.status, delivery.attempts, delivery.detail,
                delivery.dueAt, delivery.finishedAt)).toList();
        return new NoticeView(notice.id, notice.recipientId, notice.address, notice.audience, notice.groupId,
                notice.kind, notice.urgent, notice.status, language, text == null ? null : text.subject(),
                text == null ? null : text.body(), deliveries, notice.createdAt);
    }

    /** {@code mail:zhangsan@corp.example} → {@code mail:z***@corp.example}. */
    static String masked(String destination) {
        if (!destination.startsWith("mail:")) {
            return destination;
        }
        String address = destination.substring("mail:".length());
        int at = address.indexOf('@');
        return at <= 0 ? "mail:***" : "mail:" + address.charAt(0) + "***" + address.substring(at);
    }
}
