package io.qunguan.group.domain.groups;

import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.PersonnelChanged.Change;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.accounts.WorkAccounts;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.directory.Department;
import io.qunguan.group.domain.directory.Employee;
import io.qunguan.group.domain.groups.GroupTask.Kind;
import io.qunguan.group.domain.groups.MembershipRules.Person;
import io.qunguan.group.domain.groups.WorkGroup.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Personnel changes in the groups (MB-5), applied in the transaction that changes the directory. Someone who leaves
 * the company hands their groups over (GL-5: to the named successor, else their manager, else HR takes them over)
 * and is to be removed from every group; someone who transfers hands over their old department's groups, is to be
 * removed from its department-only groups and invited to the new department's mandatory ones; a new hire is to be
 * invited to the groups the types demand (MB-7). Removing and inviting on a platform is the owner's act, so each
 * becomes the owner's task.
 */
@ApplicationScoped
public class PersonnelMoves {

    private final GroupPolicies policies;
    private final GroupTasks tasks;
    private final GroupStates states;
    private final GroupAdministration administration;

    public PersonnelMoves(GroupPolicies policies, GroupTasks tasks, GroupStates states,
            GroupAdministration administration) {
        this.policies = policies;
        this.tasks = tasks;
        this.states = states;
        this.administration = administration;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void changed(@Observes EmployeeChanged change) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (change.change() == Change.LEFT) {
            handOver(change, group -> true, now);
            leaveAdminships(change.employeeId(), now);
            removalTasks(change, group -> true, "left the company", now);
        } else if (change.change() == Change.TRANSFERRED && change.previousDepartmentId() != null) {
            String previous = change.previousDepartmentId();
            handOver(change, group -> previous.equals(group.departmentId), now);
            removalTasks(change, group -> previous.equals(group.departmentId)
                    && departmentBound(policies.of(group)), "transferred to another department", now);
            invitationTasks(change, now);
        } else if (change.change() == Change.HIRED) {
            invitationTasks(change, now);
        }
    }

    /** AC-4: the owners of the groups a lost or stolen account is in are told to watch it. */
    @Transactional(Transactional.TxType.MANDATORY)
    void accountLost(@Observes WorkAccounts.ReportedLost lost) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String user = lost.platform() + ":" + lost.platformUserId();
        for (ChatMember member : ChatMember.ofUser(lost.platform(), lost.platformUserId())) {
            GroupChat chat = GroupChat.findById(member.key.chatKey());
            WorkGroup group = chat == null || chat.groupId == null || chat.boundAt == null ? null
                    : WorkGroup.findById(chat.groupId);
            if (group == null || group.status != Status.ACTIVE) {
                continue;
            }
            tasks.open(group.id, chat.chatKey, Kind.CHECK_MEMBER, "AC-4", user + " AC-4", group.ownerId,
                    "the work account " + user + " of " + lost.employeeId() + " was reported lost or stolen ("
                            + lost.detail() + "): treat what it posts as not from its holder, and remove it from "
                            + chat.chatKey + " if it is misused, until HR has recovered it", now.plusDays(1));
        }
    }

    /** GL-5: the leaver's (or transferee's) groups go to their successor, else their manager, else HR. */
    private void handOver(EmployeeChanged change, Predicate<WorkGroup> concerned,
            OffsetDateTime now) {
        List<WorkGroup> owned = WorkGroup.list("ownerId = ?1 and status in ?2", change.employeeId(),
                List.of(Status.REQUESTED, Status.APPROVED, Status.ACTIVE));
        for (WorkGroup group : owned.stream().filter(concerned).toList()) {
            Optional<String> successor = activeEmployee(group.successorId, change.employeeId())
                    .or(() -> change.change() == Change.TRANSFERRED
                            ? Department.<Department>findByIdOptional(group.departmentId)
                                    .flatMap(department -> activeEmployee(department.headId, change.employeeId()))
                            : Optional.empty())
                    .or(() -> activeEmployee(change.managerId(), change.employeeId()));
            String reason = "owner " + change.employeeId() + (change.change() == Change.LEFT ? " left the company"
                    : " transferred to another department");
            if (successor.isPresent()) {
                administration.changeOwner(group, successor.get(), reason, Actor.SYSTEM, now);
            } else {
                tasks.open(group.id, null, Kind.TAKE_OVER, "GL-5", "", null, reason
                        + " and has no active successor or manager: name a new owner", now.plusDays(3));
            }
            group.updatedAt = now;
            states.publish(group);
        }
    }

    private void leaveAdminships(String employeeId, OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<String> ids = WorkGroup.getEntityManager().createNativeQuery(
                        "SELECT id FROM work_group WHERE admins @> jsonb_build_array(CAST(?1 AS TEXT)) "
                                + "AND status <> 'DISSOLVED'")
                .setParameter(1, employeeId).getResultList();
        for (String id : ids) {
            WorkGroup group = WorkGroup.findById(id);
            group.admins = group.admins.stream().filter(admin -> !admin.equals(employeeId)).toList();
            group.updatedAt = now;
            states.publish(group);
        }
    }

    /** MB-5: the person is to be removed from the chats of the concerned active groups they are in. */
    private void removalTasks(EmployeeChanged change, Predicate<WorkGroup> concerned,
            String why, OffsetDateTime now) {
        for (Map.Entry<String, String> account : change.platformAccounts().entrySet()) {
            for (ChatMember member : ChatMember.ofUser(account.getKey(), account.getValue())) {
                GroupChat chat = GroupChat.findById(member.key.chatKey());
                if (chat == null || chat.groupId == null || chat.boundAt == null || chat.dismissedAt != null) {
                    continue;
                }
                WorkGroup group = WorkGroup.findById(chat.groupId);
                if (group.status != Status.ACTIVE || !concerned.test(group)) {
                    continue;
                }
                String user = account.getKey() + ":" + account.getValue();
                tasks.open(group.id, chat.chatKey, Kind.REMOVE_MEMBER, "MB-5", user + " MB-5", group.ownerId,
                        "remove " + change.realName() + " (" + change.employeeId() + ") from " + chat.chatKey + ": "
                                + why, now.plus(MemberChecks.MEMBER_TASK_WITHIN));
            }
        }
    }

    /** MB-5, MB-7: the person is to be invited to every active group the types make them a mandatory member of. */
    private void invitationTasks(EmployeeChanged change, OffsetDateTime now) {
        Employee employee = Employee.findById(change.employeeId());
        if (employee == null || !employee.active || employee.external) {
            return;
        }
        Person person = People.person(employee, null);
        for (WorkGroup group : WorkGroup.<WorkGroup>list("status", Status.ACTIVE)) {
            if (!MembershipRules.mandatory(policies.of(group), MemberChecks.rulesGroup(group), person)
                    || GroupRoster.of(group).stream().anyMatch(entry -> entry.platformUserId() != null
                            && employee.id.equals(entry.employeeId()))) {
                continue;
            }
            tasks.open(group.id, null, Kind.INVITE_MEMBER, "MB-5", employee.id, group.ownerId,
                    "invite " + employee.realName + " (" + employee.id + "): the group must include them ("
                            + change.change().name().toLowerCase(Locale.ROOT) + ")",
                    now.plus(MemberChecks.MEMBER_TASK_WITHIN));
        }
    }

    private static boolean departmentBound(GroupPolicy policy) {
        return policy.eligibility().groupDepartmentOnly() || policy.mandatoryMembers().groupDepartment();
    }

    private static Optional<String> activeEmployee(String id, String leaver) {
        if (id == null || id.equals(leaver)) {
            return Optional.empty();
        }
        return Employee.<Employee>findByIdOptional(id).filter(employee -> employee.active && !employee.external)
                .map(employee -> employee.id);
    }
}
