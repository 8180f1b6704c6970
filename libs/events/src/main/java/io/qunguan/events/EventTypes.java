package io.qunguan.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The registry of event types: type name ↔ payload record, and the topic each type travels on. */
public final class EventTypes {

    /** A registered event type. */
    public record Registration(String type, Class<? extends EventPayload> payloadClass, String topic) {
    }

    private static final Map<String, Registration> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, Registration> BY_CLASS = new LinkedHashMap<>();

    static {
        register(MessagePosted.TYPE, MessagePosted.class, Topics.IM_MESSAGES);
        register(MessageRecalled.TYPE, MessageRecalled.class, Topics.IM_MESSAGES);
        register(MemberJoined.TYPE, MemberJoined.class, Topics.IM_MEMBERS);
        register(MemberLeft.TYPE, MemberLeft.class, Topics.IM_MEMBERS);
        register(MemberRenamed.TYPE, MemberRenamed.class, Topics.IM_MEMBERS);
        register(ChatCreated.TYPE, ChatCreated.class, Topics.IM_MEMBERS);
        register(ChatRenamed.TYPE, ChatRenamed.class, Topics.IM_MEMBERS);
        register(ChatDismissed.TYPE, ChatDismissed.class, Topics.IM_MEMBERS);
        register(ViolationOpened.TYPE, ViolationOpened.class, Topics.MODERATION_VIOLATIONS);
        register(ViolationEscalated.TYPE, ViolationEscalated.class, Topics.MODERATION_VIOLATIONS);
        register(ResponseMeasured.TYPE, ResponseMeasured.class, Topics.MODERATION_VIOLATIONS);
        register(ResponseDueSoon.TYPE, ResponseDueSoon.class, Topics.MODERATION_VIOLATIONS);
        register(AppealDecided.TYPE, AppealDecided.class, Topics.MODERATION_VIOLATIONS);
        register(AppealDecisionDue.TYPE, AppealDecisionDue.class, Topics.MODERATION_VIOLATIONS);
        register(DeadlineOpened.TYPE, DeadlineOpened.class, Topics.MODERATION_VIOLATIONS);
        register(AppealFiled.TYPE, AppealFiled.class, Topics.MODERATION_VIOLATIONS);
        register(LexiconApproved.TYPE, LexiconApproved.class, Topics.MODERATION_LEXICON);
        register(PersonnelChanged.TYPE, PersonnelChanged.class, Topics.HR_EMPLOYEES);
        register(EmployeeChanged.TYPE, EmployeeChanged.class, Topics.DIRECTORY_EVENTS);
        register(DepartmentChanged.TYPE, DepartmentChanged.class, Topics.DIRECTORY_EVENTS);
        register(ProjectChanged.TYPE, ProjectChanged.class, Topics.DIRECTORY_EVENTS);
        register(GroupRequested.TYPE, GroupRequested.class, Topics.GROUP_EVENTS);
        register(GroupApprovalDecided.TYPE, GroupApprovalDecided.class, Topics.GROUP_EVENTS);
        register(GroupActivated.TYPE, GroupActivated.class, Topics.GROUP_EVENTS);
        register(GroupOwnerChanged.TYPE, GroupOwnerChanged.class, Topics.GROUP_EVENTS);
        register(AnnouncementPublished.TYPE, AnnouncementPublished.class, Topics.GROUP_EVENTS);
        register(NoticePinned.TYPE, NoticePinned.class, Topics.GROUP_EVENTS);
        register(GroupTaskOpened.TYPE, GroupTaskOpened.class, Topics.GROUP_EVENTS);
        register(PolicyBreachFound.TYPE, PolicyBreachFound.class, Topics.GROUP_EVENTS);
        register(GroupDissolved.TYPE, GroupDissolved.class, Topics.GROUP_EVENTS);
        register(GroupSnapshot.TYPE, GroupSnapshot.class, Topics.GROUP_STATE);
        register(GroupRosterPage.TYPE, GroupRosterPage.class, Topics.GROUP_STATE);
        register(AcknowledgementOverdue.TYPE, AcknowledgementOverdue.class, Topics.NOTIFICATION_EVENTS);
        register(MeetingBreachFound.TYPE, MeetingBreachFound.class, Topics.NOTIFICATION_EVENTS);
        register(AcknowledgementSettled.TYPE, AcknowledgementSettled.class, Topics.NOTIFICATION_EVENTS);
        register(ReportPublished.TYPE, ReportPublished.class, Topics.REPORTING_EVENTS);
    }

    private EventTypes() {
    }

    private static void register(String type, Class<? extends EventPayload> payloadClass, String topic) {
        Registration registration = new Registration(type, payloadClass, topic);
        BY_TYPE.put(type, registration);
        BY_CLASS.put(payloadClass, registration);
    }

    /** Every registered type, in registration order. */
    public static Iterable<Registration> all() {
        return BY_TYPE.values();
    }

    public static Optional<Registration> find(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static String typeOf(EventPayload payload) {
        return registrationOf(payload).type();
    }

    /** The topic a payload is published on. */
    public static String topicOf(EventPayload payload) {
        return registrationOf(payload).topic();
    }

    private static Registration registrationOf(EventPayload payload) {
        Registration registration = BY_CLASS.get(payload.getClass());
        if (registration == null) {
            throw new IllegalArgumentException("unregistered payload " + payload.getClass().getName());
        }
        return registration;
    }
}
