package io.qunguan.notification.domain;

import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.EventPayload;
import io.qunguan.events.GroupDissolved;
import io.qunguan.events.GroupTaskOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The notices group-service's events owe people: the owner (or HR) a task it was handed (GL-1, GL-5, GL-6, GL-9,
 * MB-*), and every member of a dissolved group that it is gone (GL-8). Recipients are addressed as the event names
 * them: a task's assignee by employee id, HR's queue as {@link #HR_QUEUE}, a dissolved group's members by
 * {@code <platform>:<userId>}, the address a platform message reaches.
 */
@ApplicationScoped
public class GroupNotices {

    static final String CONSUMER = "notification-service:group-events";
    static final String TASK_NOTICE = "GROUP_TASK";
    static final String DISSOLVED_NOTICE = "GROUP_DISSOLVED";
    /** The recipient of a task nobody else can take: HR's queue. */
    public static final String HR_QUEUE = "hr";

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final ProcessedEvents processed;

    public GroupNotices(ProcessedEvents processed) {
        this.processed = processed;
    }

    /** Records the notices an event of {@code group.events} owes; other events of the topic owe none. */
    @Transactional
    public void recordFor(EventEnvelope<EventPayload> event) {
        if (!(event.data() instanceof GroupTaskOpened) && !(event.data() instanceof GroupDissolved)) {
            return;
        }
        if (!processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        if (event.data() instanceof GroupTaskOpened task) {
            String recipient = task.assigneeId() == null ? HR_QUEUE : task.assigneeId();
            String due = task.dueAt() == null ? "" : "，请于 " + DUE.format(task.dueAt().withOffsetSameInstant(
                    ZoneOffset.UTC)) + " 前处理";
            Notice.pending(recipient, task.groupId(), TASK_NOTICE, EventIds.nameBased(event.id(), recipient),
                    "群 %s 有一项待办（%s %s）：%s%s。".formatted(task.groupId(), task.ruleId(), task.kind(),
                            task.detail(), due));
        } else if (event.data() instanceof GroupDissolved dissolved) {
            for (String member : dissolved.members()) {
                Notice.pending(member, dissolved.groupId(), DISSOLVED_NOTICE, EventIds.nameBased(event.id(), member),
                        "工作群「%s」已解散（%s）。群内资料请按规定归档，后续工作请在新的工作群沟通。".formatted(
                                dissolved.name(), dissolved.reason()));
            }
        }
    }
}
