package io.qunguan.group.domain.groups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Work Qunguan hands to a group's owner (or HR, when nobody else can): what must be done on the platform or decided
 * by a person, and which duty asks for it.
 */
@Entity
@Table(name = "group_task")
public class GroupTask extends PanacheEntityBase {

    /** What the task asks for. */
    public enum Kind {
        /** Register a chat created on a platform as a work group (GL-1). */
        REGISTER_CHAT,
        /** Publish or complete the announcement (GL-6). */
        PUBLISH_ANNOUNCEMENT,
        /** Approve or remove a member someone not allowed to invite added (MB-1, MB-2). */
        APPROVE_MEMBER,
        /** Remove a person from the group's chats (MB-1, MB-4, MB-5, MB-8). */
        REMOVE_MEMBER,
        /** Look at a member Qunguan flags (MB-1, MB-3, MB-4, MB-8). */
        CHECK_MEMBER,
        /** Add a person the group must include (MB-5, MB-7). */
        INVITE_MEMBER,
        /** Take over a group whose owner left and who has no successor (GL-5). */
        TAKE_OVER,
        /** Say whether the group is still needed (GL-9). */
        REVIEW,
        /** Approve or reject a membership change someone asked for (MB-2). */
        DECIDE_MEMBERSHIP,
        /** Mute a member as a sanction the platform's API cannot carry out (SV-2). */
        MUTE_MEMBER,
        /** Lift a mute an upheld appeal reversed, where the platform's API cannot (SV-6). */
        UNMUTE_MEMBER,
        /** Invite back a member whose removal an upheld appeal reversed (SV-6). */
        RESTORE_MEMBER,
        /** Recall a violating message the platform's API cannot recall (SV-2). */
        RECALL_MESSAGE,
        /** Rename a chat where the platform's API cannot. */
        RENAME_CHAT,
        /** Dismiss a chat where the platform's API cannot (GL-8). */
        DISMISS_CHAT
    }

    /** Where a task stands. */
    public enum Status { OPEN, DONE, DISMISSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "group_id")
    public String groupId;
    @Column(name = "chat_key")
    public String chatKey;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "rule_id")
    public String ruleId;
    public String subject;
    @Column(name = "assignee_id")
    public String assigneeId;
    public String detail;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "opened_at")
    public OffsetDateTime openedAt;
    @Column(name = "due_at")
    public OffsetDateTime dueAt;
    @Column(name = "resolved_by")
    public String resolvedBy;
    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;
    public String resolution;

    /** The open task of a kind and subject of a group, or of a chat not registered ({@code scope} its key). */
    static Optional<GroupTask> open(String scope, Kind kind, String subject) {
        return find("(groupId = ?1 or (groupId is null and chatKey = ?1)) and kind = ?2 and subject = ?3 "
                + "and status = ?4", scope, kind, subject, Status.OPEN).firstResultOptional();
    }
}
