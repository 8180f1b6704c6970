package io.qunguan.notification.domain.notices;

import java.util.List;

/** What a notice is about; each kind has a template in every language ({@code templates/notices/<KIND>.<tag>.txt}). */
public enum NoticeKind {
    /** A violation and its sanction, to the offender (SV-1, SV-2). */
    VIOLATION(List.of("groupId", "ruleId", "category", "severity", "sanction", "minutes", "yuan", "evidence")),
    /** A violation escalated to management (SV-8): to HR, the offender's department head and management. */
    ESCALATION(List.of("groupId", "ruleId", "severity", "member", "reasons", "sanction", "minutes", "yuan",
            "evidence")),
    /** A task handed to a group's owner or to HR (GL-*, MB-*). */
    GROUP_TASK(List.of("groupId", "ruleId", "task", "detail", "dueAt")),
    /** A work group was dissolved, to every member (GL-8). */
    GROUP_DISSOLVED(List.of("name", "reason"));

    private final List<String> params;

    NoticeKind(List<String> params) {
        this.params = params;
    }

    /** The parameters its templates read; a notice of this kind carries every one (empty when unknown). */
    public List<String> params() {
        return params;
    }
}
