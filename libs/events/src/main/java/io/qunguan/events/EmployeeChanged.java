package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * An employee's directory record after a change, published by group-service on {@code directory.events}.
 * Carries the whole record, so a consumer's replica needs only the latest event per employee.
 *
 * @param change               what happened; {@code TRANSFERRED} carries the old department
 * @param previousDepartmentId the department before a transfer, else null
 * @param active               false once the person left the company
 * @param email                where e-mail notices reach the person, or null
 * @param language             the language of the person's notices, or null for the company's default
 */
public record EmployeeChanged(String employeeId, PersonnelChanged.Change change, String realName,
        String departmentId, String previousDepartmentId, String title, String rank, String managerId,
        boolean external, boolean active, Map<String, String> platformAccounts, String email, Language language,
        OffsetDateTime changedAt)
        implements EventPayload {

    public static final String TYPE = "qunguan.directory.EmployeeChanged";

    public EmployeeChanged {
        Objects.requireNonNull(employeeId, "employeeId");
        Objects.requireNonNull(change, "change");
        platformAccounts = platformAccounts == null ? Map.of() : Map.copyOf(platformAccounts);
    }

    @Override
    public String subject() {
        return employeeId;
    }
}
