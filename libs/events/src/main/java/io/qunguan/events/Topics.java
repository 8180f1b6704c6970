package io.qunguan.events;

import java.util.List;

/** Kafka topic names of the contract, and how their dead-letter topics are named. */
public final class Topics {

    /** Platform-neutral messages and recalls, keyed by group id. */
    public static final String IM_MESSAGES = "im.messages";
    /** Membership and chat lifecycle seen on the platforms, keyed by group id. */
    public static final String IM_MEMBERS = "im.members";
    /** Group lifecycle decided by group-service, keyed by group id. */
    public static final String GROUP_EVENTS = "group.events";
    /** Compacted: each group's latest snapshot, keyed by group id. */
    public static final String GROUP_STATE = "group.state";
    /** Directory changes (departments, employees, projects), keyed by their id. */
    public static final String DIRECTORY_EVENTS = "directory.events";
    /** Violations opened, sanctioned, appealed, keyed by group id. */
    public static final String MODERATION_VIOLATIONS = "moderation.violations";
    /** Notices, deliveries, acknowledgements. */
    public static final String NOTIFICATION_EVENTS = "notification.events";
    /** Personnel changes fed by an HR system. */
    public static final String HR_EMPLOYEES = "hr.employees";

    /** Every topic of the contract (dead-letter topics excluded). */
    public static final List<String> ALL = List.of(IM_MESSAGES, IM_MEMBERS, GROUP_EVENTS, GROUP_STATE,
            DIRECTORY_EVENTS, MODERATION_VIOLATIONS, NOTIFICATION_EVENTS, HR_EMPLOYEES);

    private Topics() {
    }

    /** The dead-letter topic of a consumed topic, e.g. {@code im.messages.dlq}. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
