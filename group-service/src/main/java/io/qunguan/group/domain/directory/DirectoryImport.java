package io.qunguan.group.domain.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A bulk import of the directory: any of the three sections, each a list of whole records. A record present is
 * created or brought up to date; a record absent is left as it is (imports may be partial), so a person leaves
 * the company only by {@code active: false} or the HR feed.
 */
public record DirectoryImport(List<DepartmentRow> departments, List<EmployeeRow> employees,
        List<ProjectRow> projects) {

    public DirectoryImport {
        departments = departments == null ? List.of() : departments;
        employees = employees == null ? List.of() : employees;
        projects = projects == null ? List.of() : projects;
    }

    /** A department; {@code active} defaults to true. */
    public record DepartmentRow(String id, String name, String parentId, String headId, Boolean active) {
    }

    /**
     * A person; {@code rank} defaults to {@code staff}, {@code external} to false, {@code active} to true.
     *
     * @param platformAccounts platform → the person's user id there
     * @param email            where e-mail notices reach the person; optional
     * @param language         the language of the person's notices: {@code zh-CN}, {@code zh-TW} or {@code en};
     *                         optional (the company's default)
     */
    public record EmployeeRow(String id, String realName, String departmentId, String title, String rank,
            String managerId, Boolean external, Boolean active, Map<String, String> platformAccounts, String email,
            String language) {
    }

    /** A project, active from {@code startsOn} to {@code endsOn} inclusive (either may be open). */
    public record ProjectRow(String id, String name, String departmentId, String leadId, LocalDate startsOn,
            LocalDate endsOn) {
    }
}
