package io.qunguan.reporting.domain;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.qunguan.eventing.EvidenceReads;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.AppealFiled;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.Sanction;
import io.qunguan.events.ViolationOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Projects violations into the read model and answers HR's queries on it. */
@ApplicationScoped
public class ViolationReports {

    static final String CONSUMER = "reporting-service:violations";

    /** One page of a query's results. */
    public record PageOf(List<ViolationView> items, int page, int size, long total) {
    }

    private final ProcessedEvents processed;
    private final EvidenceReads evidenceReads;

    public ViolationReports(ProcessedEvents processed, EvidenceReads evidenceReads) {
        this.processed = processed;
        this.evidenceReads = evidenceReads;
    }

    @Transactional
    public void project(EventEnvelope<ViolationOpened> event) {
        if (!processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        ViolationOpened opened = event.data();
        if (ViolationView.findById(opened.violationId()) != null) {
            return;
        }
        ViolationView view = new ViolationView();
        view.id = opened.violationId();
        view.ruleId = opened.ruleId();
        view.category = opened.category();
        view.severity = opened.severity() == null ? null : opened.severity().name();
        view.groupId = opened.groupId();
        view.memberId = opened.memberId();
        view.memberName = opened.memberName();
        view.messageId = opened.messageId();
        view.maskedEvidence = opened.maskedEvidence();
        view.platform = opened.platform() == null ? null : opened.platform().id();
        view.chatId = opened.chatId();
        view.employeeId = opened.employeeId();
        List<String> rules = new ArrayList<>(List.of(opened.ruleId()));
        opened.findings().stream().map(ViolationOpened.Finding::ruleId).filter(rule -> !rules.contains(rule))
                .forEach(rules::add);
        view.rules = rules;
        view.policyType = opened.policy() == null ? null : opened.policy().typeId();
        view.policyVersion = opened.policy() == null ? 0 : opened.policy().version();
        view.companyDefault = opened.policy() == null || opened.policy().companyDefault();
        view.offence = opened.offence();
        Sanction sanction = opened.sanction();
        view.sanction = sanction == null ? null : sanction.kind().name();
        view.sanctionMinutes = sanction == null ? null : sanction.minutes();
        view.sanctionYuan = sanction == null ? null : sanction.yuan();
        view.openedAt = opened.openedAt();
        view.persist();
    }

    /**
     * An upheld appeal marks its violation reversed (SV-6); a rejected one changes nothing here. The violation came
     * first on the same partition (both are keyed by the group), so it is on file.
     */
    /** Lists an appeal as open until it is decided. */
    @Transactional
    public void appealFiled(EventEnvelope<AppealFiled> event) {
        AppealFiled filed = event.data();
        ViolationView.getEntityManager().createNativeQuery("""
                        INSERT INTO open_appeal (appeal_id, violation_id, group_id, rule_id, appellant, filed_at,
                            decide_by)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (appeal_id) DO NOTHING""")
                .setParameter(1, filed.appealId()).setParameter(2, filed.violationId()).setParameter(3, filed.groupId())
                .setParameter(4, filed.ruleId()).setParameter(5, filed.appellant())
                .setParameter(6, filed.filedAt() != null ? filed.filedAt() : event.time())
                .setParameter(7, filed.decideBy()).executeUpdate();
    }

    @Transactional
    public void appealDecided(EventEnvelope<AppealDecided> event) {
        AppealDecided decided = event.data();
        if (!processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        ViolationView.getEntityManager().createNativeQuery(
                        "UPDATE open_appeal SET decided_at = ?2 WHERE appeal_id = ?1 AND decided_at IS NULL")
                .setParameter(1, decided.appealId())
                .setParameter(2, decided.decidedAt() != null ? decided.decidedAt() : event.time()).executeUpdate();
        if (!decided.upheld()) {
            return;
        }
        ViolationView view = ViolationView.findById(decided.violationId());
        if (view == null) {
            throw new IllegalStateException("appeal " + decided.appealId() + " reverses violation "
                    + decided.violationId() + ", which is not on file");
        }
        if (view.reversedAt == null) {
            view.reversedAt = decided.decidedAt();
            view.reversalReason = decided.reason();
            view.reversedBy = decided.decidedBy();
        }
    }

    /** A page as {@code reader} reads it: the evidence it shows is audited first. */
    @Transactional
    public PageOf readBy(ViolationQuery query, String reader, Collection<String> roles) {
        PageOf page = find(query);
        evidenceReads.record(reader, roles, "violations groupId=" + query.groupId().orElse("") + " memberId="
                + query.memberId().orElse("") + " ruleId=" + query.ruleId().orElse("") + " from="
                + query.from().map(Object::toString).orElse("") + " to=" + query.to().map(Object::toString).orElse("")
                + " page=" + query.page(), page.items().stream().map(view -> view.id.toString()).toList());
        return page;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageOf find(ViolationQuery query) {
        List<String> clauses = new ArrayList<>();
        Parameters parameters = new Parameters();
        filter(clauses, parameters, "groupId = :groupId", "groupId", query.groupId());
        filter(clauses, parameters, "memberId = :memberId", "memberId", query.memberId());
        filter(clauses, parameters, "ruleId = :ruleId", "ruleId", query.ruleId());
        filter(clauses, parameters, "openedAt >= :from", "from", query.from());
        filter(clauses, parameters, "openedAt < :to", "to", query.to());
        String where = clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
        var found = ViolationView.find(where, Sort.descending("openedAt").and("id"), parameters.map());
        long total = found.count();
        List<ViolationView> items = found.page(Page.of(query.page(), query.size())).list();
        return new PageOf(items, query.page(), query.size(), total);
    }

    private static void filter(List<String> clauses, Parameters parameters, String clause, String name,
            Optional<?> value) {
        value.ifPresent(present -> {
            clauses.add(clause);
            parameters.and(name, present);
        });
    }
}
