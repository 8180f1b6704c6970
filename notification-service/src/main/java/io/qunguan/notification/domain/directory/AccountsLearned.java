package io.qunguan.notification.domain.directory;

import java.util.List;

/**
 * The directory now knows these platform addresses ({@code <platform>:<userId>}) as {@code employeeId}'s: notices
 * waiting for them can be addressed. Fired in the transaction that learned them.
 */
public record AccountsLearned(String employeeId, List<String> addresses) {
}
