package io.qunguan.group.domain.groups;

import io.qunguan.group.domain.directory.Department;
import io.qunguan.group.domain.directory.Employee;
import io.qunguan.group.domain.directory.EmployeeAccount;
import io.qunguan.group.domain.groups.MembershipRules.Person;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Platform users and employees as the membership rules read them, resolved in batches. */
final class People {

    private People() {
    }

    static Optional<Person> ofAccount(String platform, String platformUserId) {
        if (platformUserId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(ofAccounts(platform, List.of(platformUserId)).get(platformUserId));
    }

    /** platform user id → person, for the users of one platform the directory knows. */
    static Map<String, Person> ofAccounts(String platform, Collection<String> platformUserIds) {
        if (platformUserIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> employeeOfUser = EmployeeAccount.<EmployeeAccount>list(
                        "key.platform = ?1 and key.platformUserId in ?2", platform, platformUserIds).stream()
                .collect(Collectors.toMap(account -> account.key.platformUserId(), account -> account.employeeId));
        Map<String, Person> employees = ofEmployees(employeeOfUser.values());
        Map<String, Person> people = new HashMap<>();
        employeeOfUser.forEach((user, employee) -> {
            Person person = employees.get(employee);
            if (person != null) {
                people.put(user, person);
            }
        });
        return people;
    }

    static Optional<Person> ofEmployee(String employeeId) {
        return employeeId == null ? Optional.empty()
                : Optional.ofNullable(ofEmployees(List.of(employeeId)).get(employeeId));
    }

    /** employee id → person. */
    static Map<String, Person> ofEmployees(Collection<String> employeeIds) {
        if (employeeIds.isEmpty()) {
            return Map.of();
        }
        List<Employee> employees = Employee.list("id in ?1", employeeIds);
        Map<String, String> departmentNames = Department.<Department>list("id in ?1",
                        employees.stream().map(employee -> employee.departmentId).distinct().toList()).stream()
                .collect(Collectors.toMap(department -> department.id, department -> department.name));
        return employees.stream().map(employee -> person(employee, departmentNames.get(employee.departmentId)))
                .collect(Collectors.toMap(Person::employeeId, Function.identity()));
    }

    static Person person(Employee employee, String departmentName) {
        return new Person(employee.id, employee.realName, employee.departmentId, departmentName, employee.rank,
                employee.external, employee.active);
    }
}
