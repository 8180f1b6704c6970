package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Work was handed to a group's owner or to HR: register a chat, publish the announcement, decide or remove a
 * member, invite a mandatory one, take over a group, answer a review. notification-service tells the assignee.
 *
 * @param groupId    the work group, or the chat's {@code <platform>:<chatId>} while it is not registered
 * @param assigneeId the employee to act; null for HR's queue
 * @param ruleId     the duty that asks for it, e.g. {@code GL-6}
 * @param about      the person or chat the task is about, e.g. {@code wecom:zhangsan MB-4} (named so as not to
 *                   shadow the envelope's {@code subject}, which is the group)
 */
public record GroupTaskOpened(long taskId, String groupId, String kind, String ruleId, String assigneeId,
        String about, String detail, OffsetDateTime dueAt, OffsetDateTime openedAt) implements EventPayload {

    public static final String TYPE = "qunguan.group.GroupTaskOpened";

    public GroupTaskOpened {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
