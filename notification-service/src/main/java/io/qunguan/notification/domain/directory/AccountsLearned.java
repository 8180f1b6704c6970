package io.qunguan.notification.domain.directory;

import java.util.List;

/**
 * The directory now knows {@code employeeId} and these addresses as theirs: the person ({@code employee:<id>}) and
 * their platform accounts ({@code <platform>:<userId>}). Notices waiting for any of them can be sent. Fired in the
 * transaction that learned them.
 */
public record AccountsLearned(String employeeId, List<String> addresses) {

    /** The address of a person the directory had not described yet. */
    public static final String EMPLOYEE = "employee:";
}
