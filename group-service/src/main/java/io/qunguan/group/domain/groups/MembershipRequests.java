package io.qunguan.group.domain.groups;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.AuditEntry;
import io.qunguan.group.domain.Refusal;
import io.qunguan.group.domain.RequiredText;
import io.qunguan.group.domain.groups.GroupTask.Kind;
import io.qunguan.group.domain.groups.MembershipRequest.Change;
import io.qunguan.group.domain.groups.MembershipRules.Person;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Membership changes requested and reviewed (MB-2): anyone in or around a group asks to add or take out a person,
 * with a reason; the group's owner, an admin, the head of its department or HR decides, with a reason, never on their
 * own request. An approved change becomes the owner's task on the platform; once the platform shows it, the request
 * is done, and the change is no breach: an approved addition is no uninvited member (MB-1), an approved departure no
 * walking out (MB-6).
 */
@ApplicationScoped
public class MembershipRequests {

    static final int TEXT_LIMIT = 1000;

    /** A request to file. */
    public record Filing(Change change, String employeeId, String reason) {
    }

    /**
     * A request as the API shows it; {@code concerns} are what the reviewer should weigh (MB-8 eligibility). They
     * name the person and their standing, so only those who see the group and the person themselves are shown them.
     */
    public record RequestView(long id, String groupId, Change change, String employeeId, String reason,
            List<String> concerns, String requestedBy, OffsetDateTime requestedAt, MembershipRequest.Status status,
            String decidedBy, OffsetDateTime decidedAt, String decisionReason, OffsetDateTime doneAt) {

        static RequestView of(MembershipRequest request, boolean reviewer, Actor actor) {
            boolean concerned = reviewer || actor.id().equals(request.employeeId);
            return new RequestView(request.id, request.groupId, request.change, request.employeeId, request.reason,
                    concerned ? request.concerns : List.of(), request.requestedBy, request.requestedAt, request.status, request.decidedBy,
                    request.decidedAt, request.decisionReason, request.doneAt);
        }
    }

    private final GroupPolicies policies;
    private final GroupTasks tasks;

    public MembershipRequests(GroupPolicies policies, GroupTasks tasks) {
        this.policies = policies;
        this.tasks = tasks;
    }

    /**
     * Files a request. The caller must see the group, be on its roster, or ask about themselves (to join, or to leave
     * a group one may not leave on one's own); otherwise the group is not found for them.
     */
    @Transactional
    public Optional<RequestView> file(String groupId, Filing filing, Actor actor) {
        WorkGroup group = WorkGroup.findById(groupId, LockModeType.PESSIMISTIC_WRITE);
        if (group == null) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        Filing given = filing == null ? new Filing(null, null, null) : filing;
        String employeeId = RequiredText.of(given.employeeId(), "employeeId", 200, problems);
        String reason = RequiredText.of(given.reason(), "reason", TEXT_LIMIT, problems);
        if (given.change() == null) {
            problems.add("change is required: ADD or REMOVE");
        }
        boolean aboutThemselves = actor.id().equals(employeeId);
        List<GroupRoster.Entry> roster = GroupRoster.of(group);
        if (!aboutThemselves && !visible(group, actor) && roster.stream()
                .noneMatch(entry -> actor.id().equals(entry.employeeId()))) {
            return Optional.empty();
        }
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, problems);
        }
        if (group.status != WorkGroup.Status.ACTIVE) {
            throw Refusal.conflict("group " + groupId + " is " + group.status + "; membership changes need an active "
                    + "group");
        }
        Person person = People.ofEmployee(employeeId).orElseThrow(() -> Refusal.invalid(employeeId
                + " is not in the company directory"));
        boolean member = roster.stream().anyMatch(entry -> employeeId.equals(entry.employeeId())
                && entry.platformUserId() != null);
        // refusals name nobody: whoever files may not see the directory
        if (given.change() == Change.ADD && member) {
            throw Refusal.conflict(employeeId + " is already in the group");
        }
        if (given.change() == Change.REMOVE && !member) {
            throw Refusal.conflict(employeeId + " is not in the group's chats");
        }
        if (MembershipRequest.live(group.id, employeeId, given.change())) {
            throw Refusal.conflict("a request to " + given.change() + " " + employeeId + " is already open");
        }
        List<String> concerns = new ArrayList<>();
        if (given.change() == Change.ADD) {
            if (!person.active()) {
                concerns.add("MB-4: " + person.realName() + " has left the company");
            }
            MembershipRules.eligibility(policies.of(group), MemberChecks.rulesGroup(group), person)
                    .ifPresent(finding -> concerns.add(finding.ruleId() + ": " + finding.detail()));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        MembershipRequest request = new MembershipRequest();
        request.groupId = group.id;
        request.change = given.change();
        request.employeeId = employeeId;
        request.reason = reason;
        request.concerns = concerns;
        request.requestedBy = actor.id();
        request.requestedAt = now;
        request.status = MembershipRequest.Status.PENDING;
        request.persist();
        tasks.open(group.id, null, Kind.DECIDE_MEMBERSHIP, "MB-2", subjectOf(request), group.ownerId,
                "decide whether to " + request.change.name().toLowerCase() + " " + person.realName() + " ("
                        + employeeId + "), asked by " + actor.id() + ": " + reason
                        + (concerns.isEmpty() ? "" : "; note " + String.join("; ", concerns)),
                now.plus(MemberChecks.MEMBER_TASK_WITHIN));
        AuditEntry.record(actor, "group.membership-request", "group", group.id, reason,
                request.change + " " + employeeId);
        return Optional.of(RequestView.of(request, visible(group, actor), actor));
    }

    /** Approves or rejects a pending request, by one of the group's managers who did not file it. */
    @Transactional
    public Optional<RequestView> decide(String groupId, long requestId, boolean approve, String reason, Actor actor) {
        WorkGroup group = WorkGroup.findById(groupId, LockModeType.PESSIMISTIC_WRITE);
        MembershipRequest request = MembershipRequest.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        if (group == null || request == null || !request.groupId.equals(groupId) || !visible(group, actor)) {
            return Optional.empty();
        }
        if (!GroupAccess.manages(group, actor)) {
            throw Refusal.forbidden("membership requests are decided by the group's owner, admins, the head of its "
                    + "department or HR");
        }
        if (actor.id().equals(request.requestedBy)) {
            throw Refusal.forbidden("a request is decided by someone other than who filed it");
        }
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("a reason is required");
        }
        if (request.status != MembershipRequest.Status.PENDING) {
            throw Refusal.conflict("request " + requestId + " is " + request.status);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        request.status = approve ? MembershipRequest.Status.APPROVED : MembershipRequest.Status.REJECTED;
        request.decidedBy = actor.id();
        request.decidedAt = now;
        request.decisionReason = reason.strip();
        tasks.closeOpen(group.id, Kind.DECIDE_MEMBERSHIP, subjectOf(request), GroupTask.Status.DONE, actor.id(),
                request.status.name().toLowerCase() + ": " + request.decisionReason);
        if (approve) {
            String who = People.ofEmployee(request.employeeId).map(Person::realName).orElse(request.employeeId);
            tasks.open(group.id, null, request.change == Change.ADD ? Kind.INVITE_MEMBER : Kind.REMOVE_MEMBER, "MB-2",
                    subjectOf(request), group.ownerId, (request.change == Change.ADD ? "invite " : "remove ") + who
                            + " (" + request.employeeId + ") on the platform, as approved by " + actor.id(),
                    now.plus(MemberChecks.MEMBER_TASK_WITHIN));
        }
        AuditEntry.record(actor, approve ? "group.membership-approve" : "group.membership-reject", "group", group.id,
                request.decisionReason, "request " + request.id + ": " + request.change + " " + request.employeeId);
        return Optional.of(RequestView.of(request, true, actor));
    }

    /** The group's requests, newest first: all of them for those who see the group, their own for requesters. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<List<RequestView>> list(String groupId, Actor actor) {
        WorkGroup group = WorkGroup.findById(groupId);
        if (group == null) {
            return Optional.empty();
        }
        List<MembershipRequest> requests = MembershipRequest.list("groupId = ?1 order by requestedAt desc, id desc",
                group.id);
        if (visible(group, actor)) {
            return Optional.of(requests.stream().map(request -> RequestView.of(request, true, actor)).toList());
        }
        List<RequestView> own = requests.stream().filter(request -> actor.id().equals(request.requestedBy)
                || actor.id().equals(request.employeeId)).map(request -> RequestView.of(request, false, actor)).toList();
        return own.isEmpty() ? Optional.empty() : Optional.of(own);
    }

    /**
     * The platform shows an approved change: the request is done and its task closed. Returns whether a request
     * covered the change, so the caller does not hold it as a breach.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean seen(WorkGroup group, String employeeId, Change change) {
        Optional<MembershipRequest> approved = employeeId == null ? Optional.empty()
                : MembershipRequest.approved(group.id, employeeId, change);
        approved.ifPresent(request -> {
            request.status = MembershipRequest.Status.DONE;
            request.doneAt = OffsetDateTime.now(ZoneOffset.UTC);
            tasks.closeOpen(group.id, change == Change.ADD ? Kind.INVITE_MEMBER : Kind.REMOVE_MEMBER,
                    subjectOf(request), GroupTask.Status.DONE, Actor.SYSTEM.id(), "seen on the platform");
        });
        return approved.isPresent();
    }

    private boolean visible(WorkGroup group, Actor actor) {
        return GroupAccess.visible(group, actor, policies.of(group).approvalChain());
    }

    private static String subjectOf(MembershipRequest request) {
        return "request " + request.id;
    }
}
