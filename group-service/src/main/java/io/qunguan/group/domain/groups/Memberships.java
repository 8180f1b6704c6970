package io.qunguan.group.domain.groups;

import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.ChatCreated;
import io.qunguan.events.ChatDismissed;
import io.qunguan.events.ChatRenamed;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import io.qunguan.events.MemberJoined;
import io.qunguan.events.MemberLeft;
import io.qunguan.events.MemberRenamed;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.directory.EmployeeAccount;
import io.qunguan.group.domain.groups.GroupTask.Kind;
import io.qunguan.group.domain.groups.MembershipRules.Finding;
import io.qunguan.group.domain.groups.WorkGroup.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Applies what the platforms report on {@code im.members} to the chats and their groups, once per event: chats
 * created (an unknown one becomes a pending registration for its creator, GL-1), renamed (the name is checked
 * again, GL-4) and dismissed (a group whose last chat goes is dissolved, GL-8); members joining (MB-1, MB-3, MB-4,
 * MB-8), renamed (MB-3) and leaving (MB-6). Chats no group holds are tracked too, so a group bound to one later
 * knows who is already in it.
 */
@ApplicationScoped
public class Memberships {

    static final String CONSUMER = "group-service:im-members";
    static final Duration ACTIVITY_RESOLUTION = Duration.ofHours(1);
    /** How long the creator of an unregistered chat has to register it. */
    static final Duration REGISTER_WITHIN = Duration.ofDays(3);

    private final ProcessedEvents processed;
    private final GroupPolicies policies;
    private final GroupStates states;
    private final GroupTasks tasks;
    private final MemberChecks checks;
    private final GroupAdministration administration;

    public Memberships(ProcessedEvents processed, GroupPolicies policies, GroupStates states, GroupTasks tasks,
            MemberChecks checks, GroupAdministration administration) {
        this.processed = processed;
        this.policies = policies;
        this.states = states;
        this.tasks = tasks;
        this.checks = checks;
        this.administration = administration;
    }

    /** Applies one event of {@code im.members}, once however often it is delivered. */
    @Transactional
    public void apply(EventEnvelope<EventPayload> event) {
        if (!processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        switch (event.data()) {
            case ChatCreated created -> created(created, now);
            case MemberJoined joined -> joined(joined, now);
            case MemberLeft left -> left(left, now);
            case MemberRenamed renamed -> renamed(renamed, now);
            case ChatRenamed renamed -> chatRenamed(renamed, now);
            case ChatDismissed dismissed -> dismissed(dismissed, now);
            default -> {
            }
        }
    }

    private void created(ChatCreated created, OffsetDateTime now) {
        GroupChat chat = GroupChat.lockedOrNew(created.groupId(), now);
        if (created.chatName() != null) {
            chat.name = created.chatName();
        }
        chat.createdBy = created.createdBy();
        chat.lastActivityAt = now;
        if (chat.groupId != null || chat.registrantId != null) {
            return;
        }
        chat.registrantId = created.createdBy() == null ? null
                : EmployeeAccount.employeeOf(chat.platform, created.createdBy()).orElse(null);
        tasks.open(null, chat.chatKey, Kind.REGISTER_CHAT, "GL-1", chat.chatKey, chat.registrantId,
                "chat " + (chat.name == null ? chat.chatKey : chat.name) + " was created on " + chat.platform
                        + " but is not a registered work group: register it with its type, department or project, "
                        + "purpose and owner", now.plus(REGISTER_WITHIN));
    }

    private void joined(MemberJoined joined, OffsetDateTime now) {
        GroupChat chat = GroupChat.lockedOrNew(joined.groupId(), now);
        chat.lastActivityAt = now;
        OffsetDateTime at = joined.joinedAt() == null ? now : joined.joinedAt();
        Optional<OffsetDateTime> departed = lastDeparture(chat.chatKey, joined.memberId());
        if (departed.isPresent() && !at.isAfter(departed.get())) {
            // reported late: the person has left since (a tie goes to the departure)
            return;
        }
        ChatMember.Key key = new ChatMember.Key(chat.chatKey, joined.memberId());
        ChatMember member = ChatMember.findById(key);
        if (member == null) {
            member = new ChatMember();
            member.key = key;
            member.joinedAt = at;
        }
        member.nickname = joined.memberName();
        member.invitedBy = joined.invitedBy();
        member.persist();
        WorkGroup group = activeGroupOf(chat);
        if (group != null) {
            checks.joined(group, policies.of(group), chat.chatKey, member);
            touch(group, now);
        }
    }

    private void left(MemberLeft left, OffsetDateTime now) {
        GroupChat chat = GroupChat.lockedOrNew(left.groupId(), now);
        chat.lastActivityAt = now;
        OffsetDateTime at = left.leftAt() == null ? now : left.leftAt();
        ChatMember.getEntityManager().createNativeQuery("""
                        INSERT INTO chat_member_departure (chat_key, platform_user_id, left_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (chat_key, platform_user_id)
                        DO UPDATE SET left_at = GREATEST(chat_member_departure.left_at, EXCLUDED.left_at)""")
                .setParameter(1, chat.chatKey).setParameter(2, left.memberId()).setParameter(3, at).executeUpdate();
        ChatMember member = ChatMember.findById(new ChatMember.Key(chat.chatKey, left.memberId()));
        if (member != null && member.joinedAt.isAfter(at)) {
            // reported late: a departure from an earlier stay, and the person has come back since
            return;
        }
        if (member != null) {
            member.delete();
        }
        WorkGroup group = activeGroupOf(chat);
        if (group != null) {
            checks.left(group, policies.of(group), chat.chatKey, left.memberId(), left.removedBy());
            tasks.closeAboutMember(group.id, chat.platform + ":" + left.memberId(), "left the chat");
            touch(group, now);
        }
    }

    private void renamed(MemberRenamed renamed, OffsetDateTime now) {
        GroupChat chat = GroupChat.lockedOrNew(renamed.groupId(), now);
        ChatMember member = ChatMember.findById(new ChatMember.Key(chat.chatKey, renamed.memberId()));
        if (member != null) {
            member.nickname = renamed.newName();
        }
        WorkGroup group = activeGroupOf(chat);
        if (group != null) {
            checks.renamed(group, policies.of(group), chat.chatKey, renamed.memberId(), renamed.newName());
        }
    }

    private void chatRenamed(ChatRenamed renamed, OffsetDateTime now) {
        GroupChat chat = GroupChat.lockedOrNew(renamed.groupId(), now);
        if (renamed.newName() == null) {
            return;
        }
        chat.name = renamed.newName();
        WorkGroup group = activeGroupOf(chat);
        if (group == null || renamed.newName().equals(group.name)) {
            return;
        }
        group.name = renamed.newName().strip();
        List<String> problems = states.problems(group, policies.of(group), now).stream()
                .filter(problem -> problem.startsWith("GL-4")).toList();
        if (!problems.isEmpty()) {
            checks.report(group, chat.chatKey, renamed.renamedBy(), null, new Finding("GL-4",
                    "the chat was renamed " + group.name + ": " + String.join("; ", problems),
                    MembershipRules.Remedy.CHECK, renamed.renamedBy()));
        }
        touch(group, now);
    }

    private void dismissed(ChatDismissed dismissed, OffsetDateTime now) {
        GroupChat chat = GroupChat.lockedOrNew(dismissed.groupId(), now);
        chat.dismissedAt = dismissed.dismissedAt() == null ? now : dismissed.dismissedAt();
        tasks.closeOpen(chat.chatKey, Kind.REGISTER_CHAT, chat.chatKey, GroupTask.Status.DISMISSED,
                Actor.SYSTEM.id(), "chat dismissed on " + chat.platform);
        WorkGroup group = activeGroupOf(chat);
        if (group == null) {
            return;
        }
        boolean lastChat = GroupChat.ofGroup(group.id).stream()
                .noneMatch(other -> other.boundAt != null && other.dismissedAt == null);
        if (lastChat) {
            administration.dissolve(group, "its last chat " + chat.chatKey + " was dismissed on " + chat.platform,
                    Actor.SYSTEM);
        } else {
            touch(group, now);
        }
    }

    /**
     * Records that a chat is in use (GL-9 counts a group inactive by it). Written at most once an hour per chat, so
     * a busy chat costs no write per message.
     */
    @Transactional
    public void messageSeen(String chatKey, OffsetDateTime at) {
        OffsetDateTime staleBefore = at.minus(ACTIVITY_RESOLUTION);
        if (GroupChat.update("lastActivityAt = ?1 where chatKey = ?2 and (lastActivityAt is null or lastActivityAt < ?3)",
                at, chatKey, staleBefore) > 0) {
            WorkGroup.update("lastActivityAt = ?1 where id = (select c.groupId from GroupChat c where c.chatKey = ?2) "
                    + "and (lastActivityAt is null or lastActivityAt < ?1)", at, chatKey);
        }
    }

    private static Optional<OffsetDateTime> lastDeparture(String chatKey, String platformUserId) {
        @SuppressWarnings("unchecked")
        List<OffsetDateTime> at = ChatMember.getEntityManager().createNativeQuery("""
                        SELECT left_at FROM chat_member_departure WHERE chat_key = ?1 AND platform_user_id = ?2""",
                        OffsetDateTime.class)
                .setParameter(1, chatKey).setParameter(2, platformUserId).getResultList();
        return at.stream().findFirst();
    }

    /** The active group a chat is bound to, locked; null for chats no active group holds. */
    private static WorkGroup activeGroupOf(GroupChat chat) {
        if (chat.groupId == null || chat.boundAt == null) {
            return null;
        }
        WorkGroup group = WorkGroup.findById(chat.groupId, LockModeType.PESSIMISTIC_WRITE);
        return group != null && group.status == Status.ACTIVE ? group : null;
    }

    private void touch(WorkGroup group, OffsetDateTime now) {
        group.lastActivityAt = now;
        group.updatedAt = now;
        states.publish(group);
    }
}
