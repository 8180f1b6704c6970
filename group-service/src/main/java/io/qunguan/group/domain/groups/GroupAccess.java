package io.qunguan.group.domain.groups;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.catalogue.GroupPolicy.ApprovalStep;
import io.qunguan.group.domain.directory.Department;
import java.util.List;

/**
 * Who may see and who may manage a group. HR and auditors see every group; HR, the group's owner and admins and
 * the head of its department (by token or by the directory) manage it; a requester and a named approver awaiting
 * their decision see it.
 */
final class GroupAccess {

    private GroupAccess() {
    }

    static boolean visible(WorkGroup group, Actor actor, List<ApprovalStep> chain) {
        return actor.overseesAll() || manages(group, actor) || actor.id().equals(group.requestedBy)
                || awaitsPerson(group, chain, actor.id());
    }

    static boolean manages(WorkGroup group, Actor actor) {
        return actor.isHr() || group.managedBy(actor.id()) || headsDepartmentOf(group, actor);
    }

    static boolean headsDepartmentOf(WorkGroup group, Actor actor) {
        return actor.headsDepartment(group.departmentId) || Department.headedBy(group.departmentId, actor.id());
    }

    private static boolean awaitsPerson(WorkGroup group, List<ApprovalStep> chain, String personId) {
        return group.status == WorkGroup.Status.REQUESTED && group.nextStep < chain.size()
                && chain.get(group.nextStep).approver() == GroupPolicy.Approver.PERSON
                && personId.equals(chain.get(group.nextStep).personId());
    }
}
