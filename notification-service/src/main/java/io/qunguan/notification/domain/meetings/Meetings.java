package io.qunguan.notification.domain.meetings;

import io.qunguan.eventing.Outbox;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.MeetingBreachFound;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.PlatformKey;
import io.qunguan.notification.domain.directory.AccountsLearned;
import io.qunguan.notification.domain.groups.GroupReplica;
import io.qunguan.notification.domain.groups.NoticePolicy;
import io.qunguan.notification.domain.notices.NoticeKind;
import io.qunguan.notification.domain.notices.NoticeSettings;
import io.qunguan.notification.domain.notices.Notices;
import io.qunguan.notification.domain.notices.Notices.Recipient;
import io.qunguan.notification.domain.timers.TimerHandler;
import io.qunguan.notification.domain.timers.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * MT-1 and MT-2: a meeting noticed in a group's chat (recognised by {@link MeetingNotices}) or over REST is checked —
 * noticed the policy's hours ahead, stating topic, time, place and agenda — and a late or incomplete notice is a
 * {@code MeetingBreachFound} (MT-1). Participants get the notice (over REST) and a reminder; when the meeting ends
 * the organiser is asked for minutes; minutes posted in the chat or over REST go to every participant; none by the
 * deadline is an MT-2 breach.
 */
@ApplicationScoped
public class Meetings implements TimerHandler {

    static final String MESSAGES = "notification-service:meetings";
    static final String REMINDER = "MEETING_REMINDER";
    static final String MINUTES_TASK = "MINUTES_TASK";
    static final String MINUTES_DEADLINE = "MINUTES_DEADLINE";
    static final String SOURCE = "/notification-service/meetings";
    /** How much of the minutes a notice carries; the rest is in the chat or over REST. */
    static final int MINUTES_SHOWN = 2000;

    /** What a meeting organiser states over REST. */
    public record Request(String topic, OffsetDateTime startsAt, OffsetDateTime endsAt, String place, String agenda,
            List<String> participants) {
    }

    /** A meeting with its participants. */
    public record Held(Meeting meeting, List<MeetingParticipant> participants) {
    }

    /** The group is unknown, or its policy does not run meetings. */
    public static class NoMeetingsException extends RuntimeException {
        NoMeetingsException(String message) {
            super(message);
        }
    }

    private final GroupReplica groups;
    private final Notices notices;
    private final Timers timers;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final ZoneId zone;

    public Meetings(GroupReplica groups, Notices notices, Timers timers, ProcessedEvents processed, Outbox outbox,
            NoticeSettings settings) {
        this.groups = groups;
        this.notices = notices;
        this.timers = timers;
        this.processed = processed;
        this.outbox = outbox;
        this.zone = ZoneId.of(settings.zone());
    }

    /** A message in a group's chat: a meeting notice, a meeting's minutes, or neither. */
    @Transactional
    public void posted(EventEnvelope<MessagePosted> event) {
        MessagePosted message = event.data();
        if (message.kind() != MessageKind.TEXT || message.senderId() == null) {
            return;
        }
        boolean notice = MeetingNotices.isNotice(message.text());
        boolean minutes = !notice && MeetingNotices.isMinutes(message.text());
        if (!notice && !minutes) {
            return;
        }
        Optional<GroupReplica.Group> group = groups.find(message.groupId());
        if (group.isEmpty() || group.get().policy().meetings().isEmpty()
                || !processed.firstTime(MESSAGES, event.id())) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime at = message.sentNoLaterThan(now);
        String organiser = message.platform().chatKey(message.senderId());
        String employee = groups.employeeOf(group.get().groupId(), message.platform(), message.senderId());
        if (notice) {
            MeetingNotices.Read read = MeetingNotices.read(message.text(), at, zone);
            open(EventIds.nameBased(event.id(), "meeting"), group.get(), message.platform().chatKey(message.chatId()),
                    message.messageId(), Meeting.Source.CHAT, organiser, employee, read, at, null, now);
        } else {
            Meeting.<Meeting>find("groupId = ?1 and minutes is null and startsAt <= ?2 order by startsAt desc",
                    group.get().groupId(), at).firstResultOptional()
                    .ifPresent(meeting -> minutes(meeting, message.text(), at));
        }
    }

    /**
     * A meeting noticed over REST by {@code organiserId}: checked like one noticed in a chat, and its notice sent to
     * every participant (the group's members unless the request names employees).
     */
    @Transactional
    public Held create(String groupId, String organiserId, Request request) {
        GroupReplica.Group group = groups.byId(groupId)
                .orElseThrow(() -> new NoMeetingsException("no group " + groupId));
        group.policy().meetings().orElseThrow(() -> new NoMeetingsException("the policy of " + groupId
                + " does not run meetings"));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID id = UUID.randomUUID();
        Meeting meeting = open(id, group, null, "rest:" + id, Meeting.Source.REST, null, organiserId,
                new MeetingNotices.Read(blankToNull(request.topic()), request.startsAt(), request.endsAt(),
                        blankToNull(request.place()), blankToNull(request.agenda())), now,
                request.participants(), now);
        List<MeetingParticipant> participants = MeetingParticipant.of(meeting.id);
        for (MeetingParticipant participant : participants) {
            notices.owe(recipient(participant), group.groupId(), NoticeKind.MEETING_NOTICE,
                    EventIds.nameBased(id, "notice " + participant.key.member()), Map.of("name", text(group.name()),
                            "topic", text(meeting.topic), "startsAt", Notices.shown(meeting.startsAt),
                            "place", text(meeting.place), "agenda", text(meeting.agenda)), false);
        }
        return new Held(meeting, participants);
    }

    /** Minutes submitted over REST; false when the meeting has minutes already. */
    @Transactional
    public boolean submitMinutes(UUID meetingId, String text) {
        Meeting meeting = Meeting.findById(meetingId);
        if (meeting == null || meeting.minutes != null) {
            return false;
        }
        minutes(meeting, text, OffsetDateTime.now(ZoneOffset.UTC));
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Held> held(UUID meetingId) {
        Meeting meeting = Meeting.findById(meetingId);
        return meeting == null ? Optional.empty() : Optional.of(new Held(meeting, MeetingParticipant.of(meetingId)));
    }

    /** A group's meetings, latest start first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Held> ofGroup(String groupId, int limit) {
        return Meeting.<Meeting>find("groupId = ?1 order by noticedAt desc", groupId).page(0, limit).list().stream()
                .map(meeting -> new Held(meeting, MeetingParticipant.of(meeting.id))).toList();
    }

    @Override
    public Set<String> kinds() {
        return Set.of(REMINDER, MINUTES_TASK, MINUTES_DEADLINE);
    }

    @Override
    public void fire(String kind, UUID meetingId, OffsetDateTime dueAt, OffsetDateTime now) {
        Meeting meeting = Meeting.findById(meetingId);
        if (meeting == null) {
            return;
        }
        String name = groups.find(meeting.groupId).map(GroupReplica.Group::name).orElse(meeting.groupId);
        switch (kind) {
            case REMINDER -> {
                for (MeetingParticipant participant : MeetingParticipant.of(meetingId)) {
                    notices.owe(recipient(participant), meeting.groupId, NoticeKind.MEETING_REMINDER,
                            EventIds.nameBased(meetingId, "reminder " + participant.key.member()),
                            Map.of("name", text(name), "topic", text(meeting.topic),
                                    "startsAt", Notices.shown(meeting.startsAt), "place", text(meeting.place)), true);
                }
            }
            case MINUTES_TASK -> {
                if (meeting.minutes == null) {
                    organiser(meeting).ifPresent(organiser -> notices.owe(organiser, meeting.groupId,
                            NoticeKind.MINUTES_DUE, EventIds.nameBased(meetingId, "minutes due"),
                            Map.of("name", text(name), "topic", text(meeting.topic),
                                    "dueAt", Notices.shown(meeting.minutesDueAt)), false));
                }
            }
            default -> {
                if (meeting.minutes == null) {
                    breach(meeting, "MT-2", "no minutes by " + Notices.shown(meeting.minutesDueAt), now);
                }
            }
        }
    }

    private Meeting open(UUID id, GroupReplica.Group group, String chatKey, String messageId, Meeting.Source source,
            String organiserMember, String organiserEmployee, MeetingNotices.Read read, OffsetDateTime noticedAt,
            List<String> invited, OffsetDateTime now) {
        NoticePolicy.Meetings policy = group.policy().meetings().orElseThrow();
        Meeting meeting = new Meeting();
        meeting.id = id;
        meeting.groupId = group.groupId();
        meeting.chatKey = chatKey;
        meeting.messageId = messageId;
        meeting.source = source;
        meeting.organiserMember = organiserMember;
        meeting.organiserEmployee = organiserEmployee;
        meeting.topic = read.topic();
        meeting.place = read.place();
        meeting.agenda = read.agenda();
        meeting.startsAt = read.startsAt();
        meeting.endsAt = read.endsAt() != null ? read.endsAt()
                : read.startsAt() == null ? null : read.startsAt().plus(policy.defaultDuration());
        meeting.noticedAt = noticedAt;
        List<String> problems = new ArrayList<>();
        List<String> missing = read.missing(policy.requiredParts());
        if (!missing.isEmpty()) {
            problems.add("the notice does not state " + String.join(", ", missing));
        }
        if (meeting.startsAt != null && Duration.between(noticedAt, meeting.startsAt).compareTo(policy.noticeAhead())
                < 0) {
            long minutes = Math.max(0, Duration.between(noticedAt, meeting.startsAt).toMinutes());
            problems.add("noticed " + (minutes / 60) + " h " + (minutes % 60) + " min ahead, "
                    + policy.noticeAhead().toHours() + " h required");
        }
        meeting.problems = List.copyOf(problems);
        meeting.minutesDueAt = meeting.endsAt == null ? null : meeting.endsAt.plus(policy.minutesWithin());
        meeting.persist();

        if (invited != null && !invited.isEmpty()) {
            invited.stream().distinct().forEach(employee -> participant(id, AccountsLearned.EMPLOYEE + employee, employee));
        } else {
            groups.members(group.groupId()).forEach(member -> participant(id, member.key(), member.employeeId()));
        }
        if (!problems.isEmpty()) {
            breach(meeting, "MT-1", String.join("; ", problems), now);
        }
        if (meeting.startsAt != null) {
            policy.remindBefore().map(before -> meeting.startsAt.minus(before)).filter(at -> at.isAfter(now))
                    .ifPresent(at -> timers.set(REMINDER, id, at));
            timers.set(MINUTES_TASK, id, meeting.endsAt);
            timers.set(MINUTES_DEADLINE, id, meeting.minutesDueAt);
        }
        return meeting;
    }

    private static void participant(UUID meetingId, String member, String employeeId) {
        if (MeetingParticipant.findById(new MeetingParticipant.Key(meetingId, member)) != null) {
            return;
        }
        MeetingParticipant participant = new MeetingParticipant();
        participant.key = new MeetingParticipant.Key(meetingId, member);
        participant.employeeId = employeeId;
        participant.persist();
    }

    private void minutes(Meeting meeting, String text, OffsetDateTime at) {
        meeting.minutes = text;
        meeting.minutesAt = at;
        String name = groups.find(meeting.groupId).map(GroupReplica.Group::name).orElse(meeting.groupId);
        String shown = text.length() <= MINUTES_SHOWN ? text : text.substring(0, MINUTES_SHOWN) + "…";
        for (MeetingParticipant participant : MeetingParticipant.of(meeting.id)) {
            notices.owe(recipient(participant), meeting.groupId, NoticeKind.MINUTES,
                    EventIds.nameBased(meeting.id, "minutes " + participant.key.member()),
                    Map.of("name", text(name), "topic", text(meeting.topic),
                            "startsAt", Notices.shown(meeting.startsAt), "minutes", shown), false);
        }
    }

    private void breach(Meeting meeting, String ruleId, String detail, OffsetDateTime now) {
        Optional<PlatformKey> chat = PlatformKey.parse(meeting.chatKey);
        String organiserId = PlatformKey.parse(meeting.organiserMember).map(PlatformKey::id).orElse(null);
        outbox.add(EventEnvelope.of(EventIds.nameBased(meeting.id, ruleId), SOURCE, now,
                new MeetingBreachFound(meeting.id, ruleId, meeting.groupId, chat.map(PlatformKey::platform)
                        .orElse(null), chat.map(PlatformKey::id).orElse(null), organiserId,
                        meeting.organiserEmployee, meeting.topic, detail, meeting.startsAt, now)));
    }

    private static Optional<Recipient> organiser(Meeting meeting) {
        if (meeting.organiserEmployee != null) {
            return Optional.of(Recipient.employee(meeting.organiserEmployee));
        }
        return Optional.ofNullable(meeting.organiserMember).map(member -> Recipient.member(null, member));
    }

    private static Recipient recipient(MeetingParticipant participant) {
        return Recipient.member(participant.employeeId, participant.key.member());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
