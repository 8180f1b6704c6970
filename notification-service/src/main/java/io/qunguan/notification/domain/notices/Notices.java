package io.qunguan.notification.domain.notices;

import io.quarkus.panache.common.Sort;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.AppealDecided;
import io.qunguan.events.AppealDecisionDue;
import io.qunguan.events.ReportPublished;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.EventPayload;
import io.qunguan.events.GroupDissolved;
import io.qunguan.events.GroupTaskOpened;
import io.qunguan.events.Platform;
import io.qunguan.events.PlatformKey;
import io.qunguan.events.ResponseDueSoon;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationEscalated;
import io.qunguan.events.ViolationOpened;
import io.qunguan.notification.domain.directory.AccountsLearned;
import io.qunguan.notification.domain.directory.DepartmentRecord;
import io.qunguan.notification.domain.directory.Person;
import io.qunguan.notification.domain.directory.PersonAccount;
import io.qunguan.notification.domain.groups.GroupReplica;
import io.qunguan.notification.domain.groups.NoticePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The notices people are owed, recorded once per event and person: the offender of a violation (SV-1, SV-2), the
 * assignee of a group task or HR's queue (GL-*, MB-*), every member of a dissolved group (GL-8). A notice is
 * addressed to an employee; one naming a platform user the directory does not know waits until it does.
 */
@ApplicationScoped
public class Notices {

    static final String VIOLATIONS = "notification-service:violations";
    static final String GROUP_EVENTS = "notification-service:group-events";
    static final String REPORTS = "notification-service:reports";
    /** The role whose queue takes tasks nobody else can: HR's. */
    public static final String HR = "hr";
    private static final Set<Sanction.Kind> URGENT_SANCTIONS = Set.of(Sanction.Kind.MUTE, Sanction.Kind.REMOVAL);
    /** The address prefix of a user id whose platform the event does not say (a breach in a registered group). */
    static final String ANY_PLATFORM = "*";
    /** Deadlines are shown in China Standard Time, to the minute. */
    private static final DateTimeFormatter CHINA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.ofHours(8));

    /** The kind of group task that asks an owner to review their group (GL-9). */
    static final String REVIEW_TASK = "REVIEW";

    private final ProcessedEvents processed;
    private final Deliveries deliveries;
    private final NoticeSettings settings;
    private final GroupReplica groups;

    public Notices(ProcessedEvents processed, Deliveries deliveries, NoticeSettings settings, GroupReplica groups) {
        this.processed = processed;
        this.deliveries = deliveries;
        this.settings = settings;
        this.groups = groups;
    }

    /** The offender is told what rule they broke, what follows, and that they may appeal. */
    @Transactional
    public void violationOpened(EventEnvelope<ViolationOpened> event) {
        if (!processed.firstTime(VIOLATIONS, event.id())) {
            return;
        }
        ViolationOpened violation = event.data();
        if (violation.memberId() == null && violation.employeeId() == null) {
            return;
        }
        Sanction sanction = violation.sanction();
        int appealDays = groups.find(violation.groupId()).map(group -> group.policy().appealWithinDays())
                .orElse(NoticePolicy.DEFAULT_APPEAL_WITHIN_DAYS);
        Map<String, String> given = new LinkedHashMap<>(Map.of("groupId", violation.groupId(),
                "ruleId", violation.ruleId(), "category", text(violation.category()),
                "severity", violation.severity() == null ? "" : violation.severity().name(),
                "sanction", sanction == null ? "NONE" : sanction.kind().name(),
                "minutes", sanction == null ? "" : text(sanction.minutes()),
                "yuan", sanction == null ? "" : text(sanction.yuan()), "evidence", text(violation.maskedEvidence()),
                "violationId", violation.violationId().toString()));
        given.put("appealUntil", shown(violation.openedAt() == null ? null : violation.openedAt().plusDays(appealDays)));
        Map<String, String> params = params(NoticeKind.VIOLATION, given);
        Recipient recipient = violation.employeeId() != null ? Recipient.employee(violation.employeeId())
                : Recipient.platformUser(violation.platform(), violation.memberId());
        boolean urgent = sanction != null && URGENT_SANCTIONS.contains(sanction.kind());
        record(recipient, violation.groupId(), NoticeKind.VIOLATION, violation.violationId(), params, urgent,
                !urgent && violation.severity() == Severity.LOW);
    }

    /**
     * The person responsible is reminded shortly before a deadline (BH-5, BH-7, BH-9), at once: it cannot wait for a
     * digest.
     */
    @Transactional
    public void responseDueSoon(EventEnvelope<ResponseDueSoon> event) {
        ResponseDueSoon soon = event.data();
        if ((soon.employeeId() == null && soon.memberId() == null) || !processed.firstTime(VIOLATIONS, event.id())) {
            return;
        }
        String name = groups.byId(soon.groupId()).map(GroupReplica.Group::name).orElse(soon.groupId());
        Recipient recipient = soon.employeeId() != null ? Recipient.employee(soon.employeeId())
                : Recipient.platformUser(soon.platform(), soon.memberId().substring(soon.memberId().indexOf(':') + 1));
        record(recipient, soon.groupId(), NoticeKind.DEADLINE_REMINDER, soon.deadlineId(),
                params(NoticeKind.DEADLINE_REMINDER, Map.of("name", text(name), "excerpt", text(soon.excerpt()),
                        "dueAt", shown(soon.dueAt()), "kind", soon.kind().name())), true, false);
    }

    /**
     * The leader is told that a task they gave went unanswered (BH-5) or unclosed (BH-7) by its deadline; nothing for
     * one met, nor for a customer's wait (BH-9: the customer is no employee, the staff member has the violation).
     */
    @Transactional
    public void responseMeasured(EventEnvelope<ResponseMeasured> event) {
        ResponseMeasured measured = event.data();
        if (measured.met() || measured.leaderEmployeeId() == null || !processed.firstTime(VIOLATIONS, event.id())) {
            return;
        }
        Person member = measured.employeeId() == null ? null : Person.findById(measured.employeeId());
        String name = groups.byId(measured.groupId()).map(GroupReplica.Group::name).orElse(measured.groupId());
        record(Recipient.employee(measured.leaderEmployeeId()), measured.groupId(), NoticeKind.DEADLINE_MISSED,
                measured.deadlineId(), params(NoticeKind.DEADLINE_MISSED, Map.of("name", text(name),
                        "member", member != null && member.realName != null ? member.realName
                                : text(measured.memberId()), "dueAt", shown(measured.dueAt()),
                        "kind", measured.kind().name())), false, false);
    }

    /**
     * An appeal past its decision time reminds those who decide it (SV-6): HR's queue and the head of the group owner's
     * department, never the appellant; at once, since it is late already.
     */
    @Transactional
    public void appealDecisionDue(EventEnvelope<AppealDecisionDue> event) {
        if (!processed.firstTime(VIOLATIONS, event.id())) {
            return;
        }
        AppealDecisionDue due = event.data();
        Person appellant = due.appellant() == null ? null : Person.findById(due.appellant());
        Map<String, String> params = params(NoticeKind.APPEAL_DECISION_DUE, Map.of("ruleId", text(due.ruleId()),
                "appellant", appellant != null && appellant.realName != null ? appellant.realName
                        : text(due.appellant()), "decideBy", shown(due.decideBy()),
                "appealId", due.appealId().toString()));
        Set<Recipient> recipients = new LinkedHashSet<>();
        recipients.add(Recipient.role(HR));
        DepartmentRecord department = due.ownerDepartmentId() == null ? null
                : DepartmentRecord.findById(due.ownerDepartmentId());
        if (department != null && department.headId != null && !department.headId.equals(due.appellant())) {
            recipients.add(Recipient.employee(department.headId));
        }
        for (Recipient recipient : recipients) {
            record(recipient, due.groupId(), NoticeKind.APPEAL_DECISION_DUE,
                    EventIds.nameBased(due.appealId(), "decision-due|" + recipient.key()), params, true, false);
        }
    }

    /**
     * A period's report (SV-1): a department's to its head, the company's to HR's queue, with links to the dashboard
     * page and the export; once per report.
     */
    @Transactional
    public void reportPublished(EventEnvelope<ReportPublished> event) {
        if (!processed.firstTime(REPORTS, event.id())) {
            return;
        }
        ReportPublished report = event.data();
        Recipient recipient = report.recipientId() == null ? Recipient.role(HR)
                : Recipient.employee(report.recipientId());
        String base = settings.dashboardUrl().replaceAll("/+$", "");
        // a report belongs to no group: its notices are filed under the report's scope
        record(recipient, "report:" + report.subject(), NoticeKind.MONTHLY_REPORT, report.reportId(), params(NoticeKind.MONTHLY_REPORT,
                Map.of("department", report.departmentName() != null ? report.departmentName()
                                : text(report.departmentId()), "period", report.period(),
                        "people", String.valueOf(report.people()), "violations", String.valueOf(report.violations()),
                        "yuan", String.valueOf(report.finesYuan()), "score", String.valueOf(report.averageScore()),
                        "change", (report.change() > 0 ? "+" : "") + report.change(),
                        "link", base + text(report.pagePath()), "exportLink", base + text(report.exportPath()))),
                false, false);
    }

    /** The appellant is told how their appeal was decided and why (SV-6). */
    @Transactional
    public void appealDecided(EventEnvelope<AppealDecided> event) {
        if (!processed.firstTime(VIOLATIONS, event.id())) {
            return;
        }
        AppealDecided decided = event.data();
        if (decided.memberId() == null && decided.employeeId() == null) {
            return;
        }
        Recipient recipient = decided.employeeId() != null ? Recipient.employee(decided.employeeId())
                : Recipient.platformUser(decided.platform(), decided.memberId());
        record(recipient, decided.groupId(), NoticeKind.APPEAL_OUTCOME, decided.appealId(),
                params(NoticeKind.APPEAL_OUTCOME, Map.of("ruleId", text(decided.ruleId()),
                        "outcome", decided.upheld() ? "UPHELD" : "REJECTED", "reason", text(decided.reason()),
                        "decidedBy", text(decided.decidedBy()))), false, false);
    }

    /**
     * An escalated violation reaches management (SV-8) at once: HR's queue, the offender's department head as the
     * directory knows them, and the employees {@code qunguan.notifications.escalate-to} names.
     */
    @Transactional
    public void violationEscalated(EventEnvelope<ViolationEscalated> event) {
        if (!processed.firstTime(VIOLATIONS, event.id())) {
            return;
        }
        ViolationEscalated escalated = event.data();
        Map<String, String> params = params(NoticeKind.ESCALATION, Map.of("groupId", escalated.groupId(),
                "ruleId", text(escalated.ruleId()), "severity", text(escalated.severity()),
                "member", escalated.memberName() != null ? escalated.memberName()
                        : escalated.employeeId() != null ? escalated.employeeId() : text(escalated.memberId()),
                "reasons", String.join("; ", escalated.reasons()),
                "sanction", escalated.sanction() == null ? "NONE" : escalated.sanction().kind().name(),
                "minutes", escalated.sanction() == null ? "" : text(escalated.sanction().minutes()),
                "yuan", escalated.sanction() == null ? "" : text(escalated.sanction().yuan()),
                "evidence", text(escalated.maskedEvidence())));
        Set<Recipient> recipients = new LinkedHashSet<>();
        recipients.add(Recipient.role(HR));
        Person offender = escalated.employeeId() == null ? null : Person.findById(escalated.employeeId());
        DepartmentRecord department = offender == null || offender.departmentId == null ? null
                : DepartmentRecord.findById(offender.departmentId);
        if (department != null && department.headId != null && !department.headId.equals(escalated.employeeId())) {
            recipients.add(Recipient.employee(department.headId));
        }
        settings.escalateTo().orElse(List.of()).forEach(manager -> recipients.add(Recipient.employee(manager)));
        for (Recipient recipient : recipients) {
            record(recipient, escalated.groupId(), NoticeKind.ESCALATION,
                    EventIds.nameBased(escalated.escalationId(), recipient.key()), params, true, false);
        }
    }

    /** Tasks reach their assignee (HR's queue when nobody is named), dissolutions every member. */
    @Transactional
    public void groupEvent(EventEnvelope<EventPayload> event) {
        if (!(event.data() instanceof GroupTaskOpened) && !(event.data() instanceof GroupDissolved)) {
            return;
        }
        if (!processed.firstTime(GROUP_EVENTS, event.id())) {
            return;
        }
        if (event.data() instanceof GroupTaskOpened task) {
            Recipient recipient = task.assigneeId() == null ? Recipient.role(HR) : Recipient.employee(task.assigneeId());
            // a review (GL-9) has a notice of its own: the owner is asked whether the group is still needed
            NoticeKind kind = REVIEW_TASK.equals(task.kind()) ? NoticeKind.REVIEW_DUE : NoticeKind.GROUP_TASK;
            record(recipient, task.groupId(), kind, EventIds.nameBased(event.id(), recipient.key()),
                    params(kind, Map.of("groupId", task.groupId(), "ruleId", text(task.ruleId()),
                            "task", text(task.kind()), "detail", text(task.detail()),
                            "dueAt", shown(task.dueAt()))), false, false);
        } else if (event.data() instanceof GroupDissolved dissolved) {
            Map<String, String> params = params(NoticeKind.GROUP_DISSOLVED, Map.of("name", text(dissolved.name()),
                    "reason", text(dissolved.reason())));
            for (String member : dissolved.members()) {
                int colon = member.indexOf(':');
                Recipient recipient = colon < 0 ? Recipient.employee(member)
                        : Recipient.platformUser(Platform.find(member.substring(0, colon)).orElse(null),
                                member.substring(colon + 1));
                record(recipient, dissolved.groupId(), NoticeKind.GROUP_DISSOLVED,
                        EventIds.nameBased(event.id(), recipient.key()), params, false, false);
            }
        }
    }

    /**
     * Notices waiting for platform addresses the directory now places are addressed and sent. Runs in the
     * directory update's transaction, after its accounts are written: the address locks it takes make a notice
     * being recorded for one of these addresses either wait and see the accounts, or commit before this query.
     */
    void accountsLearned(@Observes AccountsLearned learned) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> addresses = new ArrayList<>(learned.addresses());
        learned.addresses().stream().filter(address -> !address.startsWith(AccountsLearned.EMPLOYEE))
                .forEach(address -> addresses.add(ANY_PLATFORM + address.substring(address.indexOf(':'))));
        addresses.stream().sorted().distinct().forEach(Notices::lockAddress);
        List<Notice> waiting = Notice.list("status = ?1 and address in ?2", Notice.Status.UNRESOLVED, addresses);
        for (Notice notice : waiting) {
            notice.recipientId = learned.employeeId();
            notice.status = Notice.Status.PENDING;
            notice.updatedAt = now;
            deliveries.plan(notice, now);
        }
    }

    /** Held until the transaction ends; directory updates take theirs in sorted order. */
    private static void lockAddress(String address) {
        Notice.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) AS locked")
                .setParameter(1, "notice-address:" + address).getSingleResult();
    }

    /**
     * Records a notice of {@code kind} for {@code recipient}, once per {@code subjectId}, and plans its delivery; for
     * the domain's other duties (acknowledgements, meetings) that owe people notices.
     *
     * @param given the kind's parameters; one it lacks is empty
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void owe(Recipient recipient, String groupId, NoticeKind kind, UUID subjectId, Map<String, String> given,
            boolean urgent) {
        record(recipient, groupId, kind, subjectId, params(kind, given), urgent, false);
    }

    private void record(Recipient recipient, String groupId, NoticeKind kind, UUID subjectId,
            Map<String, String> params, boolean urgent, boolean digest) {
        if (Notice.count("kind = ?1 and subjectId = ?2", kind, subjectId) > 0) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Notice notice = new Notice();
        notice.id = UUID.randomUUID();
        notice.groupId = groupId;
        notice.kind = kind;
        notice.subjectId = subjectId;
        notice.params = params;
        notice.urgent = urgent;
        notice.digest = digest;
        notice.createdAt = now;
        notice.updatedAt = now;
        if (recipient.chat() != null) {
            notice.address = recipient.chat();
            notice.status = Notice.Status.PENDING;
        } else if (recipient.role() != null) {
            notice.audience = recipient.role();
            notice.status = Notice.Status.QUEUED;
        } else if (!address(notice, recipient)) {
            // the directory may be placing this address right now: after its lock, the answer is final
            lockAddress(notice.address);
            address(notice, recipient);
        }
        notice.persist();
        if (notice.status == Notice.Status.PENDING) {
            deliveries.plan(notice, now);
        }
    }

    /**
     * Addresses a notice to a person, or to the address that waits for the directory to place them.
     *
     * @return whether the person and their directory record are known
     */
    private static boolean address(Notice notice, Recipient recipient) {
        Optional<String> employee = recipient.employeeId() != null ? Optional.of(recipient.employeeId())
                : recipient.userId() == null ? Optional.empty()
                : recipient.platform() == null ? PersonAccount.onlyHolderOf(recipient.userId())
                : PersonAccount.employeeOf(recipient.platform().id(), recipient.userId());
        if (employee.isPresent() && Person.findById(employee.get()) != null) {
            notice.recipientId = employee.get();
            notice.address = null;
            notice.status = Notice.Status.PENDING;
            return true;
        }
        // the directory's event about the person has not reached this service yet: the notice waits for it
        notice.recipientId = employee.orElse(null);
        notice.address = employee.map(id -> AccountsLearned.EMPLOYEE + id).orElse(recipient.key());
        notice.status = Notice.Status.UNRESOLVED;
        return false;
    }

    /** A person's notices, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notice> of(String employeeId) {
        return Notice.list("recipientId", Sort.descending("createdAt"), employeeId);
    }

    /** Notices in one state, optionally of one role's queue, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notice> inState(Notice.Status status, String audience, int limit) {
        return (audience == null ? Notice.<Notice>find("status", Sort.descending("createdAt"), status)
                : Notice.<Notice>find("status = ?1 and audience = ?2", Sort.descending("createdAt"), status, audience))
                .page(0, limit).list();
    }

    /** Every parameter of the kind's templates is present: the templates render strictly. */
    private static Map<String, String> params(NoticeKind kind, Map<String, String> given) {
        Map<String, String> params = new LinkedHashMap<>();
        kind.params().forEach(name -> params.put(name, given.getOrDefault(name, "")));
        return params;
    }

    /** A time as notices show it: China Standard Time, to the minute; empty for none. */
    public static String shown(OffsetDateTime at) {
        return at == null ? "" : CHINA_TIME.format(at);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Whom a notice is for, as the event names them: an employee, a platform user, a role's queue or a chat. */
    public record Recipient(String employeeId, Platform platform, String userId, String role, String chat) {

        public static Recipient employee(String employeeId) {
            return new Recipient(employeeId, null, null, null, null);
        }

        public static Recipient platformUser(Platform platform, String userId) {
            return new Recipient(null, platform, userId, null, null);
        }

        static Recipient role(String role) {
            return new Recipient(null, null, null, role, null);
        }

        /** A group chat, {@code <platform>:<chatId>}: the notice is posted there. */
        public static Recipient chat(String chatKey) {
            return new Recipient(null, null, null, null, chatKey);
        }

        /**
         * A member as a group's roster names them: the employee where the directory knows them, else the platform
         * account {@code <platform>:<userId>}.
         */
        public static Recipient member(String employeeId, String platformUserId) {
            if (employeeId != null) {
                return employee(employeeId);
            }
            if (platformUserId.startsWith(AccountsLearned.EMPLOYEE)) {
                return employee(platformUserId.substring(AccountsLearned.EMPLOYEE.length()));
            }
            PlatformKey account = PlatformKey.parse(platformUserId).orElseThrow(() ->
                    new IllegalArgumentException("not a platform account: " + platformUserId));
            return platformUser(account.platform(), account.id());
        }

        /** Tells recipients of one event apart: the employee, the platform address, the role or the chat. */
        public String key() {
            if (employeeId != null) {
                return employeeId;
            }
            if (chat != null) {
                return "chat:" + chat;
            }
            return role != null ? "role:" + role : (platform == null ? ANY_PLATFORM : platform.id()) + ":" + userId;
        }
    }
}
