package io.qunguan.group.domain.directory;

import io.qunguan.group.domain.Actor;
import java.util.Map;

/** A person's directory record as the API shows it (to those {@link #visibleTo} allows). */
public record Person(String id, String realName, String departmentId, String title, String rank, String managerId,
        boolean external, boolean active, Map<String, String> platformAccounts, String email, String language) {

    static Person of(Employee employee) {
        return of(employee, EmployeeAccount.of(employee.id));
    }

    static Person of(Employee employee, Map<String, String> platformAccounts) {
        return new Person(employee.id, employee.realName, employee.departmentId, employee.title, employee.rank,
                employee.managerId, employee.external, employee.active, platformAccounts, employee.email,
                employee.language);
    }

    /** HR and auditors see everyone; a department head their department's people; anyone their own record. */
    public boolean visibleTo(Actor actor) {
        return actor.overseesAll() || actor.id().equals(id)
                || actor.headsDepartment(departmentId);
    }
}
