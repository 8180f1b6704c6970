package io.qunguan.notification.domain.notices;

import java.util.List;

/** What a notice is about; each kind has a template in every language ({@code templates/notices/<KIND>.<tag>.txt}). */
public enum NoticeKind {
    /** A violation and its sanction, to the offender (SV-1, SV-2). */
    VIOLATION(List.of("groupId", "ruleId", "category", "severity", "sanction", "minutes", "yuan", "evidence",
            "violationId", "appealUntil")),
    /** A violation escalated to management (SV-8): to HR, the offender's department head and management. */
    ESCALATION(List.of("groupId", "ruleId", "severity", "member", "reasons", "sanction", "minutes", "yuan",
            "evidence")),
    /** A task handed to a group's owner or to HR (GL-*, MB-*). */
    GROUP_TASK(List.of("groupId", "ruleId", "task", "detail", "dueAt")),
    /** A work group was dissolved, to every member (GL-8). */
    GROUP_DISSOLVED(List.of("name", "reason")),
    /** A group's periodic review is due, to its owner (GL-9). */
    REVIEW_DUE(List.of("groupId", "detail", "dueAt")),
    /** A notice created over REST, posted in the group's chat, to be acknowledged (BH-6). */
    CHAT_NOTICE(List.of("name", "text", "dueAt", "keywords"), true),
    /** A pinned notice, to every member, to be acknowledged (GL-10, BH-6). */
    PINNED_NOTICE(List.of("name", "text", "dueAt", "keywords")),
    /** A group notice the member has not acknowledged yet (BH-6). */
    ACKNOWLEDGEMENT_REMINDER(List.of("name", "excerpt", "dueAt", "keywords")),
    /** What the person owes by a deadline, before it passes: an answer (BH-5), a task closed (BH-7), a reply (BH-9). */
    DEADLINE_REMINDER(List.of("name", "excerpt", "dueAt", "kind")),
    /** A task the leader gave that its person did not answer (BH-5) or close (BH-7) in time, to the leader. */
    DEADLINE_MISSED(List.of("name", "member", "dueAt", "kind")),
    /** A meeting's notice, to each participant (MT-1). */
    MEETING_NOTICE(List.of("name", "topic", "startsAt", "place", "agenda")),
    /** A meeting about to start, to each participant (MT-1). */
    MEETING_REMINDER(List.of("name", "topic", "startsAt", "place")),
    /** The minutes of a meeting are due, to its organiser (MT-2). */
    MINUTES_DUE(List.of("name", "topic", "dueAt")),
    /** A meeting's minutes, to each participant (MT-2). */
    MINUTES(List.of("name", "topic", "startsAt", "minutes")),
    /** How an appeal against a violation was decided, to the appellant (SV-6). */
    APPEAL_OUTCOME(List.of("ruleId", "outcome", "reason", "decidedBy")),
    /** An appeal past its decision time, to those who decide it: HR's queue and the owner's department head (SV-6). */
    APPEAL_DECISION_DUE(List.of("ruleId", "appellant", "decideBy", "appealId")),
    /** A department's monthly report, to its head (SV-1, SV-3). */
    MONTHLY_REPORT(List.of("department", "period", "people", "violations", "yuan", "score", "change", "link",
            "exportLink"));

    private final List<String> params;
    private final boolean toChat;

    NoticeKind(List<String> params) {
        this(params, false);
    }

    NoticeKind(List<String> params, boolean toChat) {
        this.params = params;
        this.toChat = toChat;
    }

    /** Whether notices of this kind are posted in a group's chat rather than sent to a person. */
    public boolean toChat() {
        return toChat;
    }

    /** The parameters its templates read; a notice of this kind carries every one (empty when unknown). */
    public List<String> params() {
        return params;
    }
}
