package io.qunguan.events;

/**
 * The data of one event. Each payload names the group (or other aggregate) it is about, which becomes
 * the envelope's subject and the Kafka key.
 */
public sealed interface EventPayload
        permits MessagePosted, MessageRecalled, ResponseMeasured, ResponseDueSoon, AppealDecided, AppealDecisionDue, LexiconApproved, MemberJoined, MemberLeft, MemberRenamed, ChatCreated,
        ChatRenamed, ChatDismissed, ViolationOpened, ViolationEscalated, PersonnelChanged, EmployeeChanged, DepartmentChanged,
        ProjectChanged, GroupRequested, GroupApprovalDecided, GroupActivated, GroupOwnerChanged,
        AnnouncementPublished, NoticePinned, GroupTaskOpened, PolicyBreachFound, GroupDissolved, GroupSnapshot,
        GroupRosterPage, AcknowledgementOverdue, MeetingBreachFound, ReportPublished,
        AcknowledgementSettled, DeadlineOpened, AppealFiled {

    /** The aggregate id the event is about: the Kafka key and the envelope's subject. */
    String subject();
}
