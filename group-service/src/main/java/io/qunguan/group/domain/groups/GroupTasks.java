package io.qunguan.group.domain.groups;

import io.qunguan.eventing.Outbox;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.GroupTaskOpened;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.AuditEntry;
import io.qunguan.group.domain.Refusal;
import io.qunguan.group.domain.groups.GroupTask.Kind;
import io.qunguan.group.domain.groups.GroupTask.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Work handed to owners and HR. A task is opened once per group, kind and subject while it is open (asking again
 * refreshes its detail instead of piling up copies), announced on {@code group.events} for notification-service,
 * and closed by its assignee, the group's managers or HR with a note that goes to the audit log.
 */
@ApplicationScoped
public class GroupTasks {

    /** A task as the API shows it. */
    public record TaskView(long id, String groupId, String chat, Kind kind, String ruleId, String subject,
            String assigneeId, String detail, Status status, OffsetDateTime openedAt, OffsetDateTime dueAt,
            String resolvedBy, OffsetDateTime resolvedAt, String resolution) {

        static TaskView of(GroupTask task) {
            return new TaskView(task.id, task.groupId, task.chatKey, task.kind, task.ruleId, task.subject,
                    task.assigneeId, task.detail, task.status, task.openedAt, task.dueAt, task.resolvedBy,
                    task.resolvedAt, task.resolution);
        }
    }

    private final Outbox outbox;

    public GroupTasks(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Opens a task, or refreshes the open one of the same group (or unregistered chat), kind and subject.
     *
     * @param assigneeId the employee to act; null puts it in HR's queue
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public GroupTask open(String groupId, String chatKey, Kind kind, String ruleId, String subject, String assigneeId,
            String detail, OffsetDateTime dueAt) {
        String scope = groupId != null ? groupId : chatKey;
        String about = subject == null ? "" : subject;
        Optional<GroupTask> existing = GroupTask.open(scope, kind, about);
        if (existing.isPresent()) {
            existing.get().detail = detail;
            return existing.get();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Inserted through the open-task index: two transactions asking for the same task at once (a webhook's
        // consumer and a REST call) would otherwise both insert, and the second would fail on the index.
        List<?> inserted = GroupTask.getEntityManager().createNativeQuery("""
                        INSERT INTO group_task (group_id, chat_key, kind, rule_id, subject, assignee_id, detail, status,
                                                opened_at, due_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'OPEN', ?8, ?9)
                        ON CONFLICT (COALESCE(group_id, chat_key), kind, subject) WHERE status = 'OPEN' DO NOTHING
                        RETURNING id""")
                .setParameter(1, groupId).setParameter(2, chatKey).setParameter(3, kind.name())
                .setParameter(4, ruleId).setParameter(5, about).setParameter(6, assigneeId).setParameter(7, detail)
                .setParameter(8, now).setParameter(9, dueAt).getResultList();
        if (inserted.isEmpty()) {
            GroupTask concurrent = GroupTask.open(scope, kind, about).orElseThrow();
            concurrent.detail = detail;
            return concurrent;
        }
        GroupTask task = GroupTask.findById(((Number) inserted.get(0)).longValue());
        outbox.add(EventEnvelope.fresh(GroupStates.SOURCE, new GroupTaskOpened(task.id, scope, kind.name(), ruleId,
                assigneeId, about, detail, dueAt, task.openedAt)));
        return task;
    }

    /** Closes every open task of a group, when the group is dissolved. */
    @Transactional(Transactional.TxType.MANDATORY)
    void closeAll(String groupId, Status status, String by, String resolution) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        GroupTask.<GroupTask>list("groupId = ?1 and status = ?2", groupId, Status.OPEN)
                .forEach(task -> close(task, status, by, resolution, now));
    }

    /**
     * Closes what was asked about a member ({@code <platform>:<userId>}) who is gone from the group: checking,
     * approving or removing them. A breach they committed by leaving (MB-6) stays for the owner.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void closeAboutMember(String groupId, String user, String resolution) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        GroupTask.<GroupTask>list("groupId = ?1 and status = ?2 and subject like ?3 and kind in ?4 and ruleId <> ?5",
                        groupId, Status.OPEN, user + " %", List.of(Kind.REMOVE_MEMBER, Kind.APPROVE_MEMBER,
                                Kind.CHECK_MEMBER), "MB-6")
                .forEach(task -> close(task, Status.DONE, Actor.SYSTEM.id(), resolution, now));
    }

    /** Closes the open task of this kind and subject of a group (or unregistered chat's key), if there is one. */
    @Transactional(Transactional.TxType.MANDATORY)
    void closeOpen(String scope, Kind kind, String subject, Status status, String by, String resolution) {
        GroupTask.open(scope, kind, subject == null ? "" : subject).ifPresent(task ->
                close(task, status, by, resolution, OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /**
     * The caller's open tasks, oldest first; HR sees its own queue too. {@code everyone} (HR and auditors only) lists
     * every open task.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TaskView> listOpen(Actor actor, boolean everyone) {
        if (everyone && !actor.overseesAll()) {
            throw Refusal.forbidden("only HR and auditors list everyone's tasks");
        }
        List<GroupTask> tasks;
        if (everyone) {
            tasks = GroupTask.list("status = ?1 order by openedAt", Status.OPEN);
        } else if (actor.isHr()) {
            tasks = GroupTask.list("status = ?1 and (assigneeId = ?2 or assigneeId is null) order by openedAt",
                    Status.OPEN, actor.id());
        } else {
            tasks = GroupTask.list("status = ?1 and assigneeId = ?2 order by openedAt", Status.OPEN, actor.id());
        }
        return tasks.stream().map(TaskView::of).toList();
    }

    /** Every task of a group, open ones first. The caller's right to see the group is checked by the caller. */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<TaskView> ofGroup(String groupId) {
        return GroupTask.<GroupTask>list("groupId = ?1 order by status desc, openedAt", groupId).stream()
                .map(TaskView::of).toList();
    }

    /**
     * Closes a task as done or dismissed, with a note. Its assignee, HR (for its queue and any task), and the
     * group's managers close it; anyone else is told it does not exist.
     */
    @Transactional
    public Optional<TaskView> resolve(long taskId, boolean done, String note, Actor actor) {
        GroupTask task = GroupTask.findById(taskId, LockModeType.PESSIMISTIC_WRITE);
        if (task == null || !mayResolve(task, actor)) {
            return Optional.empty();
        }
        if (note == null || note.isBlank()) {
            throw Refusal.invalid("a note saying what was done is required");
        }
        if (task.status != Status.OPEN) {
            throw Refusal.conflict("task " + taskId + " is already " + task.status);
        }
        close(task, done ? Status.DONE : Status.DISMISSED, actor.id(), note.strip(),
                OffsetDateTime.now(ZoneOffset.UTC));
        AuditEntry.record(actor, done ? "task.done" : "task.dismiss", "task", String.valueOf(taskId), note.strip(),
                task.kind + " " + task.ruleId + (task.groupId == null ? " " + task.chatKey : " " + task.groupId));
        return Optional.of(TaskView.of(task));
    }

    private static boolean mayResolve(GroupTask task, Actor actor) {
        if (actor.isHr() || actor.id().equals(task.assigneeId)) {
            return true;
        }
        if (task.groupId == null) {
            return false;
        }
        WorkGroup group = WorkGroup.findById(task.groupId);
        return group != null && GroupAccess.manages(group, actor);
    }

    private static void close(GroupTask task, Status status, String by, String resolution, OffsetDateTime now) {
        task.status = status;
        task.resolvedBy = by;
        task.resolvedAt = now;
        task.resolution = resolution;
    }
}
