package io.qunguan.group.domain.groups;

import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.catalogue.GroupPolicy.Inviters;
import io.qunguan.group.domain.catalogue.GroupPolicy.NicknameFormat;
import io.qunguan.group.domain.catalogue.GroupPolicy.NicknameRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The membership duties checked when someone joins, is renamed or leaves a group's chat: unknown people (MB-4),
 * eligibility (MB-8), invite control (MB-1, MB-2), the nickname convention (MB-3), leaving (MB-6), and who must be a
 * member (MB-7). Pure: the caller brings what the directory says.
 */
public final class MembershipRules {

    /** Characters accepted between a nickname's department and name: {@code 市场部-张三}, {@code 市场部－张三} … */
    static final String NICKNAME_SEPARATORS = "-－—_ ";

    /** A person as the directory knows them, with their department's name. */
    public record Person(String employeeId, String realName, String departmentId, String departmentName, String rank,
            boolean external, boolean active) {
    }

    /** The group a rule is checked for: its department, owner and admins. */
    public record Group(String departmentId, String ownerId, List<String> admins) {
        boolean managedBy(String employeeId) {
            return employeeId != null && (employeeId.equals(ownerId) || admins.contains(employeeId));
        }
    }

    /** What the owner is asked to do about a finding. */
    public enum Remedy { CHECK, REMOVE, APPROVE }

    /**
     * A finding: the duty, why, the remedy, and whom it is held against ({@code offender}, a platform user id: the
     * member for MB-3 and MB-6, the inviter for MB-1; null when nobody broke a rule, e.g. an unknown person).
     */
    public record Finding(String ruleId, String detail, Remedy remedy, String offender) {
    }

    private MembershipRules() {
    }

    /**
     * What a join breaks. {@code person} is null when the directory does not know the platform user;
     * {@code inviter} is null when the platform does not say who added them (invite control is then not checked),
     * {@code inviterPlatformId} the inviter's platform user id.
     */
    public static List<Finding> onJoin(GroupPolicy policy, Group group, String platformUserId, String nickname,
            Person person, String inviterPlatformId, Person inviter) {
        List<Finding> findings = new ArrayList<>();
        if (person == null) {
            findings.add(new Finding("MB-4", "user " + platformUserId + " is not in the company directory: neither "
                    + "an employee's official work account (AC-5) nor a known external contact", Remedy.CHECK, null));
        } else if (!person.active()) {
            findings.add(new Finding("MB-4", person.realName() + " has left the company", Remedy.REMOVE, null));
        } else {
            eligibility(policy, group, person).ifPresent(findings::add);
        }
        boolean joinerManages = person != null && group.managedBy(person.employeeId());
        if (inviterPlatformId != null && !inviterPlatformId.equals(platformUserId) && !joinerManages
                && policy.invitations().whoMayInvite() == Inviters.OWNER_AND_ADMINS
                && (inviter == null || !group.managedBy(inviter.employeeId()))) {
            Remedy remedy = switch (policy.invitations().onUninvited()) {
                case FLAG -> Remedy.CHECK;
                case REMOVE -> person != null && person.active() && mandatory(policy, group, person) ? Remedy.CHECK
                        : Remedy.REMOVE;
                case APPROVAL -> Remedy.APPROVE;
            };
            String who = inviter == null ? "user " + inviterPlatformId : inviter.realName();
            findings.add(new Finding("MB-1", who + " added " + nameOf(person, platformUserId)
                    + " but only the owner and admins may invite to this group", remedy, inviterPlatformId));
        }
        nickname(policy.nickname(), nickname, person).ifPresent(problem ->
                findings.add(new Finding("MB-3", problem, Remedy.CHECK, platformUserId)));
        return findings;
    }

    /** MB-8: who the type admits. Externals are checked against {@code externalsAllowed} only. */
    static Optional<Finding> eligibility(GroupPolicy policy, Group group, Person person) {
        GroupPolicy.Eligibility eligibility = policy.eligibility();
        if (person.external()) {
            return eligibility.externalsAllowed() ? Optional.empty()
                    : Optional.of(new Finding("MB-8", person.realName() + " is an external contact and this group "
                            + "admits employees only", Remedy.REMOVE, null));
        }
        if (!eligibility.ranks().isEmpty() && !eligibility.ranks().contains(person.rank())) {
            return Optional.of(new Finding("MB-8", person.realName() + " is of rank " + person.rank()
                    + "; this group admits " + eligibility.ranks(), Remedy.CHECK, null));
        }
        if (eligibility.groupDepartmentOnly() && group.departmentId() != null
                && !group.departmentId().equals(person.departmentId())) {
            return Optional.of(new Finding("MB-8", person.realName() + " belongs to " + person.departmentName()
                    + ", not to the group's department", Remedy.CHECK, null));
        }
        return Optional.empty();
    }

    /**
     * MB-3: why a nickname breaks the convention, checked against the directory's name and department; empty when
     * it follows it, when the platform did not report a nickname, or for people the convention does not bind
     * (unknown people and external contacts).
     */
    public static Optional<String> nickname(NicknameRule rule, String nickname, Person person) {
        if (nickname == null || nickname.isBlank() || person == null || person.external()
                || rule.format() == NicknameFormat.FREE) {
            return Optional.empty();
        }
        String given = nickname.strip();
        if (given.equals(person.realName())
                && (rule.format() == NicknameFormat.NAME || rule.plainNameRanks().contains(person.rank()))) {
            return Optional.empty();
        }
        String expected = switch (rule.format()) {
            case DEPARTMENT_NAME -> person.departmentName() + "-" + person.realName();
            case NAME_DEPARTMENT -> person.realName() + "-" + person.departmentName();
            case NAME, FREE -> person.realName();
        };
        if (rule.format() == NicknameFormat.NAME) {
            return Optional.of("nickname " + given + " must be the real name " + expected);
        }
        int separator = firstSeparator(given);
        if (separator < 0) {
            return Optional.of("nickname " + given + " must be " + expected + " ("
                    + (rule.format() == NicknameFormat.DEPARTMENT_NAME ? "部门-姓名" : "姓名-部门") + ")");
        }
        String first = given.substring(0, separator).strip();
        String second = given.substring(separator + 1).strip();
        String department = rule.format() == NicknameFormat.DEPARTMENT_NAME ? first : second;
        String name = rule.format() == NicknameFormat.DEPARTMENT_NAME ? second : first;
        List<String> wrong = new ArrayList<>();
        if (!department.equals(person.departmentName())) {
            wrong.add("department " + department + " is not the directory's " + person.departmentName());
        }
        if (!name.equals(person.realName())) {
            wrong.add("name " + name + " is not the directory's " + person.realName());
        }
        return wrong.isEmpty() ? Optional.empty()
                : Optional.of("nickname " + given + " must be " + expected + ": " + String.join("; ", wrong));
    }

    /** MB-6: a member who left on their own (nobody removed them) from a group that may not be left. */
    public static Optional<Finding> onLeave(GroupPolicy policy, String platformUserId, String removedBy,
            Person person) {
        if (policy.leavingAllowed() || removedBy != null || person == null || !person.active()) {
            return Optional.empty();
        }
        return Optional.of(new Finding("MB-6", person.realName() + " left a group that may not be left without "
                + "permission", Remedy.CHECK, platformUserId));
    }

    /** MB-7: whether the type demands this person in the group. External contacts never are. */
    public static boolean mandatory(GroupPolicy policy, Group group, Person person) {
        GroupPolicy.MandatoryMembers mandatory = policy.mandatoryMembers();
        if (person.external() || !person.active()) {
            return false;
        }
        return mandatory.allStaff() || mandatory.ranks().contains(person.rank())
                || (mandatory.groupDepartment() && group.departmentId() != null
                        && group.departmentId().equals(person.departmentId()));
    }

    private static int firstSeparator(String nickname) {
        for (int i = 0; i < nickname.length(); i++) {
            if (NICKNAME_SEPARATORS.indexOf(nickname.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String nameOf(Person person, String platformUserId) {
        return person == null ? "user " + platformUserId : person.realName();
    }
}
