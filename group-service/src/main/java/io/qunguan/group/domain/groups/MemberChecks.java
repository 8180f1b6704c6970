package io.qunguan.group.domain.groups;

import io.qunguan.eventing.Outbox;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.PolicyBreachFound;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.directory.Employee;
import io.qunguan.group.domain.groups.GroupTask.Kind;
import io.qunguan.group.domain.groups.MembershipRequest.Change;
import io.qunguan.group.domain.groups.MembershipRules.Finding;
import io.qunguan.group.domain.groups.MembershipRules.Person;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Applies the membership rules to a group's members and acts on what they find: each finding is published as a
 * {@link PolicyBreachFound} for moderation-service and becomes a task for the group's owner (check, remove or
 * approve the member), since removing someone from a platform chat is the owner's act.
 */
@ApplicationScoped
public class MemberChecks {

    /** How long an owner has to act on a member finding or invite a mandatory member. */
    static final Duration MEMBER_TASK_WITHIN = Duration.ofDays(3);
    /** An invitation task names at most this many people; the rest are counted. */
    static final int NAMED_IN_INVITATION = 20;

    private final Outbox outbox;
    private final GroupTasks tasks;
    private final MembershipRequests requests;

    public MemberChecks(Outbox outbox, GroupTasks tasks, MembershipRequests requests) {
        this.outbox = outbox;
        this.tasks = tasks;
        this.requests = requests;
    }

    /** Checks someone who joined (or was found in the chat when it was bound) against the group's policy. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void joined(WorkGroup group, GroupPolicy policy, String chatKey, ChatMember member) {
        String platform = GroupChat.platformOf(chatKey);
        String user = member.key.platformUserId();
        Person person = People.ofAccount(platform, user).orElse(null);
        // an addition approved in Qunguan (MB-2) is nobody's uninvited member, whoever added them on the platform,
        // and no ineligible one either
        boolean approved = person != null && requests.seen(group, person.employeeId(), Change.ADD);
        String invitedBy = approved ? null : member.invitedBy;
        Person inviter = People.ofAccount(platform, invitedBy).orElse(null);
        List<Finding> findings = MembershipRules.onJoin(policy, rulesGroup(group), user, member.nickname, person,
                invitedBy, inviter).stream()
                // the reviewer saw the eligibility concern when approving and made the exception
                .filter(finding -> !approved || !finding.ruleId().equals("MB-8")).toList();
        findings.forEach(finding -> report(group, chatKey, user, person, finding));
    }

    /** Checks a new nickname (MB-3). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void renamed(WorkGroup group, GroupPolicy policy, String chatKey, String user, String nickname) {
        Person person = People.ofAccount(GroupChat.platformOf(chatKey), user).orElse(null);
        MembershipRules.nickname(policy.nickname(), nickname, person).ifPresent(problem -> report(group, chatKey,
                user, person, new Finding("MB-3", problem, MembershipRules.Remedy.CHECK, user)));
    }

    /** Checks a departure (MB-6); one approved in Qunguan (MB-2) is no walking out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void left(WorkGroup group, GroupPolicy policy, String chatKey, String user, String removedBy) {
        Person person = People.ofAccount(GroupChat.platformOf(chatKey), user).orElse(null);
        if (person != null && requests.seen(group, person.employeeId(), Change.REMOVE)) {
            return;
        }
        MembershipRules.onLeave(policy, user, removedBy, person)
                .ifPresent(finding -> report(group, chatKey, user, person, finding));
    }

    /** Publishes a finding and hands the owner what to do about it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void report(WorkGroup group, String chatKey, String user, Person person, Finding finding) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        outbox.add(EventEnvelope.fresh(GroupStates.SOURCE, new PolicyBreachFound(UUID.randomUUID(),
                finding.ruleId(), group.id, chatKey, user, person == null ? null : person.employeeId(),
                finding.offender(), finding.detail(), finding.remedy().name(), now)));
        Kind kind = switch (finding.remedy()) {
            case CHECK -> Kind.CHECK_MEMBER;
            case REMOVE -> Kind.REMOVE_MEMBER;
            case APPROVE -> Kind.APPROVE_MEMBER;
        };
        String subject = user == null ? "" : GroupChat.platformOf(chatKey) + ":" + user;
        tasks.open(group.id, chatKey, kind, finding.ruleId(), subject + " " + finding.ruleId(), group.ownerId,
                finding.detail(), now.plus(MEMBER_TASK_WITHIN));
    }

    /**
     * MB-7: asks the owner to invite every active employee the type demands who is not in the group, as one task
     * kept up to date (an all-staff group would otherwise open one task per employee). Nothing when all are in.
     *
     * @return the employee ids missing
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> reconcile(WorkGroup group, GroupPolicy policy) {
        return needsStaff(policy) ? reconcile(group, policy, staff()) : List.of();
    }

    /** Whether the policy demands members that only the whole staff list can name (MB-7). */
    static boolean needsStaff(GroupPolicy policy) {
        GroupPolicy.MandatoryMembers mandatory = policy.mandatoryMembers();
        return mandatory.allStaff() || !mandatory.ranks().isEmpty() || mandatory.groupDepartment();
    }

    /** Every active member of staff, as the mandatory-member rules see them. */
    static List<Person> staff() {
        return Employee.<Employee>list("active = true and external = false order by id").stream()
                .map(employee -> People.person(employee, null)).toList();
    }

    /** The same against a staff list read beforehand, so that a caller holding a group's lock does not read it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> reconcile(WorkGroup group, GroupPolicy policy, List<Person> staff) {
        if (!needsStaff(policy)) {
            return List.of();
        }
        Set<String> present = GroupRoster.of(group).stream().filter(entry -> entry.platformUserId() != null)
                .map(GroupRoster.Entry::employeeId).filter(id -> id != null).collect(Collectors.toCollection(HashSet::new));
        MembershipRules.Group rules = rulesGroup(group);
        List<Person> missing = staff.stream().filter(person -> !present.contains(person.employeeId()))
                .filter(person -> MembershipRules.mandatory(policy, rules, person)).toList();
        if (missing.isEmpty()) {
            tasks.closeOpen(group.id, Kind.INVITE_MEMBER, "MB-7", GroupTask.Status.DONE, Actor.SYSTEM.id(),
                    "everyone the group must include is in");
            return List.of();
        }
        String named = missing.stream().limit(NAMED_IN_INVITATION).map(p -> p.realName() + " (" + p.employeeId() + ")")
                .collect(Collectors.joining(", "));
        String more = missing.size() > NAMED_IN_INVITATION ? " and " + (missing.size() - NAMED_IN_INVITATION)
                + " more" : "";
        tasks.open(group.id, null, Kind.INVITE_MEMBER, "MB-7", "MB-7", group.ownerId, "invite " + missing.size()
                + " people the group must include: " + named + more,
                OffsetDateTime.now(ZoneOffset.UTC).plus(MEMBER_TASK_WITHIN));
        return missing.stream().map(Person::employeeId).toList();
    }

    static MembershipRules.Group rulesGroup(WorkGroup group) {
        return new MembershipRules.Group(group.departmentId, group.ownerId, group.admins);
    }
}
