package io.qunguan.events;

import java.util.List;
import java.util.Map;

/** Kafka topic names of the contract, their consumers, and how each consumer's dead-letter topic is named. */
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
    /** Lexicon versions approved, one key: every moderation-service instance reads all of it (a group of its own). */
    public static final String MODERATION_LEXICON = "moderation.lexicon";
    /** Reports reporting-service publishes (SV-1), keyed by department. */
    public static final String REPORTING_EVENTS = "reporting.events";
    /** Notices, deliveries, acknowledgements. */
    public static final String NOTIFICATION_EVENTS = "notification.events";
    /** Personnel changes fed by an HR system. */
    public static final String HR_EMPLOYEES = "hr.employees";

    /** Every topic of the contract (dead-letter topics excluded). */
    public static final List<String> ALL = List.of(IM_MESSAGES, IM_MEMBERS, GROUP_EVENTS, GROUP_STATE,
            DIRECTORY_EVENTS, MODERATION_VIOLATIONS, MODERATION_LEXICON, NOTIFICATION_EVENTS, HR_EMPLOYEES,
            REPORTING_EVENTS);

    /**
     * One consumer of a topic: a service's channel. Each has a dead-letter topic of its own, so an operator sees whose
     * records they are and replays them to that consumer alone.
     */
    public record Consumer(String service, String channel, String topic) {

        /** {@code <service>.<channel>.dlq}, e.g. {@code moderation-service.messages.dlq}. */
        public String deadLetterTopic() {
            return deadLetter(service, channel);
        }
    }

    /** Every consumer of the services, for creating their dead-letter topics. */
    public static final List<Consumer> CONSUMERS = List.of(
            new Consumer("group-service", "personnel", HR_EMPLOYEES),
            new Consumer("group-service", "memberships", IM_MEMBERS),
            new Consumer("group-service", "activity", IM_MESSAGES),
            new Consumer("group-service", "sanctions", MODERATION_VIOLATIONS),
            new Consumer("moderation-service", "messages", IM_MESSAGES),
            new Consumer("moderation-service", "group-breaches", GROUP_EVENTS),
            new Consumer("moderation-service", "notification-events", NOTIFICATION_EVENTS),
            new Consumer("moderation-service", "group-state", GROUP_STATE),
            new Consumer("moderation-service", "lexicon", MODERATION_LEXICON),
            new Consumer("notification-service", "violations", MODERATION_VIOLATIONS),
            new Consumer("notification-service", "group-events", GROUP_EVENTS),
            new Consumer("notification-service", "directory", DIRECTORY_EVENTS),
            new Consumer("notification-service", "messages", IM_MESSAGES),
            new Consumer("notification-service", "group-state", GROUP_STATE),
            new Consumer("notification-service", "reports", REPORTING_EVENTS),
            new Consumer("reporting-service", "violations", MODERATION_VIOLATIONS),
            new Consumer("reporting-service", "messages", IM_MESSAGES),
            new Consumer("reporting-service", "group-state", GROUP_STATE),
            new Consumer("reporting-service", "directory", DIRECTORY_EVENTS),
            new Consumer("reporting-service", "notification-events", NOTIFICATION_EVENTS));

    /**
     * The contract topics each service writes (its outbox and webhook events); what it reads is its
     * {@link #CONSUMERS}'. With its own dead-letter topics and consumer groups (both named after it) this is all a
     * service's principal may do on a secured cluster.
     */
    public static final Map<String, List<String>> WRITES = Map.of(
            "group-service", List.of(IM_MESSAGES, IM_MEMBERS, GROUP_EVENTS, GROUP_STATE, DIRECTORY_EVENTS),
            "moderation-service", List.of(MODERATION_VIOLATIONS, MODERATION_LEXICON),
            "notification-service", List.of(NOTIFICATION_EVENTS),
            "reporting-service", List.of(REPORTING_EVENTS));

    /** The contract topics {@code service} reads. */
    public static List<String> reads(String service) {
        return CONSUMERS.stream().filter(consumer -> consumer.service().equals(service)).map(Consumer::topic)
                .distinct().toList();
    }

    private Topics() {
    }

    /** The dead-letter topic of one service's channel, e.g. {@code moderation-service.messages.dlq}. */
    public static String deadLetter(String service, String channel) {
        return service + "." + channel + ".dlq";
    }
}
