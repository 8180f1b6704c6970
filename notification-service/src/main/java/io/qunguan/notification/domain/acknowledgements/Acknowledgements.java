package io.qunguan.notification.domain.acknowledgements;

import io.qunguan.eventing.Outbox;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.AcknowledgementOverdue;
import io.qunguan.events.AcknowledgementSettled;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.NoticePinned;
import io.qunguan.events.PlatformKey;
import io.qunguan.notification.domain.groups.GroupReplica;
import io.qunguan.notification.domain.groups.NoticePolicy;
import io.qunguan.notification.domain.notices.NoticeKind;
import io.qunguan.notification.domain.notices.NoticeSettings;
import io.qunguan.notification.domain.notices.Notices;
import io.qunguan.notification.domain.notices.Notices.Recipient;
import io.qunguan.notification.domain.timers.TimerHandler;
import io.qunguan.notification.domain.timers.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * BH-6 and GL-10: a group notice everyone must acknowledge — posted in a chat with one of the group's markers, created
 * over REST and posted by Qunguan, or pinned — is tracked member by member. A reply with one of the policy's words (or a
 * quote-reply of the notice) acknowledges it; those who have not are reminded at the policy's times; when the deadline
 * passes, {@code AcknowledgementOverdue} goes to {@code notification.events} for each of them, and moderation-service
 * makes it their violation.
 */
@ApplicationScoped
public class Acknowledgements implements TimerHandler {

    static final String MESSAGES = "notification-service:acknowledgements";
    static final String PINNED = "notification-service:pinned-notices";
    static final String REMINDER = "ACK_REMINDER";
    static final String DEADLINE = "ACK_DEADLINE";
    static final String SOURCE = "/notification-service/acknowledgements";
    /** How much of a notice its reminders and overdue events repeat. */
    static final int EXCERPT = 120;

    /** A notice and who has and has not acknowledged it. */
    public record Tracked(TrackedNotice notice, List<MemberAcknowledgement> members) {
    }

    /** A notice cannot be tracked: the group is unknown, or its policy does not ask for acknowledgements. */
    public static class NotTrackedException extends RuntimeException {
        NotTrackedException(String message) {
            super(message);
        }
    }

    private final GroupReplica groups;
    private final Notices notices;
    private final Timers timers;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final Duration grace;

    public Acknowledgements(GroupReplica groups, Notices notices, Timers timers, ProcessedEvents processed,
            Outbox outbox, NoticeSettings settings) {
        this.grace = settings.acknowledgementGrace();
        this.groups = groups;
        this.notices = notices;
        this.timers = timers;
        this.processed = processed;
        this.outbox = outbox;
    }

    /** A message in a group's chat: a notice to track, an acknowledgement, or neither. */
    @Transactional
    public void posted(EventEnvelope<MessagePosted> event) {
        MessagePosted message = event.data();
        if (message.kind() != MessageKind.TEXT || message.senderId() == null) {
            return;
        }
        Optional<GroupReplica.Group> group = groups.find(message.groupId());
        if (group.isEmpty() || group.get().policy().acknowledgement().isEmpty()) {
            return;
        }
        NoticePolicy.Acknowledgement policy = group.get().policy().acknowledgement().get();
        NoticeWords words = new NoticeWords(policy.markers(), policy.keywords());
        String sender = message.platform().id() + ":" + message.senderId();
        boolean notice = words.isNotice(message.text());
        boolean acknowledgement = !notice && (words.acknowledges(message.text())
                || policy.quoteReplyCounts() && message.replyTo() != null);
        if (!notice && !acknowledgement || !processed.firstTime(MESSAGES, event.id())) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // a sender's clock ahead of ours does not move a deadline into the future
        OffsetDateTime at = message.sentNoLaterThan(now);
        if (notice) {
            track(EventIds.nameBased(event.id(), "notice"), group.get(), message.platform().chatKey(message.chatId()),
                    message.messageId(), TrackedNotice.Source.CHAT, sender, message.text(), at, policy, now);
        } else {
            String employee = groups.employeeOf(group.get().groupId(), message.platform(), message.senderId());
            acknowledge(group.get().groupId(), sender, employee,
                    words.acknowledges(message.text()) ? null : message.replyTo(), at);
        }
    }

    /**
     * A notice created over REST by {@code authorId}: posted in each of the group's chats (or the one named) and
     * tracked for every member.
     *
     * @throws NotTrackedException when the group is unknown or does not ask for acknowledgements
     */
    @Transactional
    public Tracked create(String groupId, String authorId, String text, Optional<String> chat) {
        GroupReplica.Group group = groups.byId(groupId)
                .orElseThrow(() -> new NotTrackedException("no group " + groupId));
        NoticePolicy.Acknowledgement policy = group.policy().acknowledgement().orElseThrow(() ->
                new NotTrackedException("the policy of " + groupId + " does not ask for acknowledgements"));
        List<String> groupChats = groups.chatsOf(groupId);
        List<String> chats = chat.map(List::of).orElse(groupChats);
        if (chat.isPresent() && !groupChats.contains(chat.get())) {
            throw new NotTrackedException(chat.get() + " is not a chat of " + groupId);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID id = UUID.randomUUID();
        TrackedNotice notice = track(id, group, chats.isEmpty() ? null : chats.get(0), "rest:" + id,
                TrackedNotice.Source.REST, authorId, text, now, policy, now);
        for (String chatKey : chats) {
            notices.owe(Recipient.chat(chatKey), group.groupId(), NoticeKind.CHAT_NOTICE,
                    EventIds.nameBased(id, chatKey), Map.of("name", text(group.name()), "text", text,
                            "dueAt", Notices.shown(notice.dueAt), "keywords", String.join(" / ", policy.keywords())),
                    true);
        }
        return tracked(notice.id).orElseThrow();
    }

    /** A notice pinned in a group (GL-10) reaches every member and is tracked; unpinned, its tracking ends. */
    @Transactional
    public void pinned(EventEnvelope<NoticePinned> event) {
        NoticePinned pinned = event.data();
        if (!processed.firstTime(PINNED, event.id())) {
            return;
        }
        String messageId = "pinned:" + pinned.noticeId();
        if (!pinned.pinned()) {
            TrackedNotice.<TrackedNotice>find("groupId = ?1 and messageId = ?2 and closedAt is null", pinned.groupId(),
                    messageId).firstResultOptional().ifPresent(notice -> notice.closedAt = at(pinned.at()));
            return;
        }
        Optional<GroupReplica.Group> group = groups.find(pinned.groupId());
        if (group.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<NoticePolicy.Acknowledgement> policy = group.get().policy().acknowledgement();
        UUID id = EventIds.nameBased(event.id(), "pinned");
        String dueAt = "";
        if (policy.isPresent()) {
            dueAt = Notices.shown(track(id, group.get(), null, messageId, TrackedNotice.Source.PINNED, pinned.by(),
                    text(pinned.text()), at(pinned.at()), policy.get(), now).dueAt);
        }
        String keywords = policy.map(found -> String.join(" / ", found.keywords())).orElse("");
        for (GroupReplica.Member member : groups.members(group.get().groupId())) {
            notices.owe(Recipient.member(member.employeeId(), member.platformUserId()), group.get().groupId(),
                    NoticeKind.PINNED_NOTICE, EventIds.nameBased(id, member.key()), Map.of("name",
                            text(group.get().name()), "text", text(pinned.text()), "dueAt", dueAt,
                            "keywords", keywords), false);
        }
    }

    /**
     * {@code employeeId} acknowledges a notice over REST (one sent to them, a pinned notice read in the app).
     *
     * @return false when they are not asked to acknowledge it, or its deadline has passed
     */
    @Transactional
    public boolean acknowledgeOverRest(UUID noticeId, String employeeId) {
        TrackedNotice notice = TrackedNotice.findById(noticeId);
        if (notice == null || notice.closedAt != null) {
            return false;
        }
        List<MemberAcknowledgement> rows = MemberAcknowledgement.<MemberAcknowledgement>find(
                "key.noticeId = ?1 and employeeId = ?2 and acknowledgedAt is null", noticeId, employeeId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        rows.forEach(row -> {
            row.acknowledgedAt = now;
            row.how = "REST";
        });
        return !rows.isEmpty() || MemberAcknowledgement.count("key.noticeId = ?1 and employeeId = ?2", noticeId,
                employeeId) > 0;
    }

    /** A tracked notice with its members' acknowledgements. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Tracked> tracked(UUID noticeId) {
        TrackedNotice notice = TrackedNotice.findById(noticeId);
        return notice == null ? Optional.empty() : Optional.of(new Tracked(notice, MemberAcknowledgement.of(noticeId)));
    }

    /** A group's tracked notices, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Tracked> ofGroup(String groupId, int limit) {
        List<TrackedNotice> found = TrackedNotice.<TrackedNotice>find("groupId = ?1 order by postedAt desc", groupId)
                .page(0, limit).list();
        return found.stream().map(notice -> new Tracked(notice, MemberAcknowledgement.of(notice.id))).toList();
    }

    @Override
    public Set<String> kinds() {
        return Set.of(REMINDER, DEADLINE);
    }

    @Override
    public void fire(String kind, UUID noticeId, OffsetDateTime dueAt, OffsetDateTime now) {
        TrackedNotice notice = TrackedNotice.findById(noticeId);
        if (notice == null || notice.closedAt != null) {
            return;
        }
        // locked, so that an acknowledgement committing meanwhile is seen, and not overwritten by this update
        List<MemberAcknowledgement> waiting = MemberAcknowledgement.<MemberAcknowledgement>find(
                "key.noticeId = ?1 and acknowledgedAt is null order by key.member", noticeId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        Optional<GroupReplica.Group> group = groups.find(notice.groupId);
        String name = group.map(GroupReplica.Group::name).orElse(notice.groupId);
        if (kind.equals(REMINDER)) {
            String keywords = group.flatMap(found -> found.policy().acknowledgement())
                    .map(policy -> String.join(" / ", policy.keywords())).orElse("");
            for (MemberAcknowledgement member : waiting) {
                member.reminders++;
                notices.owe(Recipient.member(member.employeeId, member.key.member()), notice.groupId, NoticeKind.ACKNOWLEDGEMENT_REMINDER,
                        EventIds.nameBased(noticeId, member.key.member() + "@" + dueAt.toInstant()),
                        Map.of("name", text(name), "excerpt", notice.excerpt, "dueAt", Notices.shown(notice.dueAt),
                                "keywords", keywords), false);
            }
            return;
        }
        notice.closedAt = now;
        // every member's outcome, in time or not, for the assessment's acknowledgement rate (SV-3)
        for (MemberAcknowledgement member : MemberAcknowledgement.of(noticeId)) {
            boolean inTime = member.acknowledgedAt != null && !member.acknowledgedAt.isAfter(notice.dueAt);
            outbox.add(EventEnvelope.of(EventIds.nameBased(noticeId, "settled " + member.key.member()), SOURCE, now,
                    new AcknowledgementSettled(noticeId, notice.groupId, member.key.member(), member.employeeId,
                            notice.postedAt, notice.dueAt, inTime ? member.acknowledgedAt : null)));
        }
        Optional<PlatformKey> chat = PlatformKey.parse(notice.chatKey);
        for (MemberAcknowledgement member : waiting) {
            member.overdue = true;
            // a member in no chat is known by their employee id alone
            Optional<PlatformKey> account = PlatformKey.parse(member.key.member());
            String memberId = account.map(PlatformKey::id).orElse(member.employeeId);
            boolean inChat = chat.isPresent() && account.isPresent()
                    && account.get().platform() == chat.get().platform();
            outbox.add(EventEnvelope.of(EventIds.nameBased(noticeId, "overdue " + member.key.member()), SOURCE, now,
                    new AcknowledgementOverdue(noticeId, notice.groupId, inChat ? chat.get().platform() : null,
                            inChat ? chat.get().id() : null, memberId, member.employeeId, notice.excerpt,
                            notice.postedAt, notice.dueAt)));
        }
    }

    private TrackedNotice track(UUID id, GroupReplica.Group group, String chatKey, String messageId,
            TrackedNotice.Source source, String authorId, String text, OffsetDateTime at,
            NoticePolicy.Acknowledgement policy, OffsetDateTime now) {
        TrackedNotice notice = new TrackedNotice();
        notice.id = id;
        notice.groupId = group.groupId();
        notice.chatKey = chatKey;
        notice.messageId = messageId;
        notice.source = source;
        notice.authorId = authorId;
        notice.excerpt = excerpt(text);
        notice.postedAt = at;
        notice.dueAt = at.plus(policy.within());
        notice.persist();
        // a member posts as their platform account, a person over REST as an employee
        String authorEmployee = authorId == null ? null : PlatformKey.parse(authorId)
                .map(author -> groups.employeeOf(group.groupId(), author)).orElse(authorId);
        for (GroupReplica.Member member : groups.members(group.groupId())) {
            boolean author = member.key().equals(authorId)
                    || authorEmployee != null && authorEmployee.equals(member.employeeId());
            if (author || MemberAcknowledgement.findById(new MemberAcknowledgement.Key(id, member.key())) != null) {
                continue;
            }
            MemberAcknowledgement row = new MemberAcknowledgement();
            row.key = new MemberAcknowledgement.Key(id, member.key());
            row.employeeId = member.employeeId();
            row.persist();
        }
        for (Duration after : policy.remindAfter()) {
            timers.set(REMINDER, id, at.plus(after));
        }
        timers.set(DEADLINE, id, notice.dueAt.plus(grace));
        return notice;
    }

    /**
     * Records {@code member}'s acknowledgement of the quoted notice, or of every open notice of the group posted
     * before it.
     */
    private void acknowledge(String groupId, String member, String employeeId, String quoted, OffsetDateTime at) {
        List<TrackedNotice> open = quoted != null
                ? TrackedNotice.list("groupId = ?1 and messageId = ?2 and closedAt is null", groupId, quoted)
                : TrackedNotice.list("groupId = ?1 and closedAt is null and postedAt <= ?2", groupId, at);
        // a reply sent after the deadline is late, even while the notice waits out its grace
        List<UUID> ids = new ArrayList<>(open.stream().filter(notice -> !at.isAfter(notice.dueAt))
                .map(notice -> notice.id).toList());
        if (ids.isEmpty()) {
            return;
        }
        List<MemberAcknowledgement> rows = employeeId == null
                ? MemberAcknowledgement.<MemberAcknowledgement>find("key.noticeId in ?1 and key.member = ?2 "
                        + "and acknowledgedAt is null", ids, member).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                : MemberAcknowledgement.<MemberAcknowledgement>find("key.noticeId in ?1 and (key.member = ?2 "
                        + "or employeeId = ?3) and acknowledgedAt is null", ids, member, employeeId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        for (MemberAcknowledgement row : rows) {
            row.acknowledgedAt = at;
            row.how = quoted != null ? "QUOTE" : "KEYWORD";
        }
    }

    private static OffsetDateTime at(OffsetDateTime at) {
        return at == null ? OffsetDateTime.now(ZoneOffset.UTC) : at;
    }

    static String excerpt(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.length() <= EXCERPT ? stripped : stripped.substring(0, EXCERPT) + "…";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
