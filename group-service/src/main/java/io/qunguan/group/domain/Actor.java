package io.qunguan.group.domain;

import java.util.Objects;

/**
 * Who asks for an action: the person's id (the token's subject), the role they act in, and the department their
 * token names (a department head's scope), which may be null.
 */
public record Actor(String id, String role, String departmentId) {

    public static final String HR = "hr";
    public static final String AUDITOR = "auditor";
    public static final String DEPT_HEAD = "dept-head";
    public static final String GROUP_OWNER = "group-owner";
    public static final String EMPLOYEE = "employee";
    public static final String OPERATOR = "operator";
    /** Actions taken by Qunguan itself (schedulers, the HR feed, platform events). */
    public static final Actor SYSTEM = new Actor("qunguan", "system", null);

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
    }

    public boolean isHr() {
        return HR.equals(role);
    }

    /** HR and auditors see every record (object-level checks stop at them). */
    public boolean overseesAll() {
        return HR.equals(role) || AUDITOR.equals(role);
    }

    /** A department head acting within the department their token names. */
    public boolean headsDepartment(String department) {
        return DEPT_HEAD.equals(role) && departmentId != null && departmentId.equals(department);
    }
}
