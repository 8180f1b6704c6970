package io.qunguan.notification.domain.timers;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** Does what a kind of timer stands for when it falls due, in the transaction that claimed it. */
public interface TimerHandler {

    /** The timer kinds this handler fires. */
    Set<String> kinds();

    /** Fires one due timer; {@code dueAt} is the time it was set for, {@code now} the time it fires. */
    void fire(String kind, UUID subjectId, OffsetDateTime dueAt, OffsetDateTime now);
}
