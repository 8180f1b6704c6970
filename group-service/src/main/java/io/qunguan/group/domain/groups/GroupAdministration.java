package io.qunguan.group.domain.groups;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.eventing.Outbox;
import io.qunguan.events.AnnouncementPublished;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.GroupActivated;
import io.qunguan.events.GroupDissolved;
import io.qunguan.events.GroupOwnerChanged;
import io.qunguan.events.NoticePinned;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.AuditEntry;
import io.qunguan.group.domain.Refusal;
import io.qunguan.group.domain.RequiredText;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.catalogue.PolicyDocuments;
import io.qunguan.group.domain.directory.Directory;
import io.qunguan.group.domain.directory.Employee;
import io.qunguan.group.domain.directory.EmployeeAccount;
import io.qunguan.group.domain.groups.GroupLifecycle.GroupRequest;
import io.qunguan.group.domain.groups.GroupTask.Kind;
import io.qunguan.group.domain.groups.WorkGroup.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A group's life once approved: activation on its platform chats (GL-1), including chats first seen on a platform
 * and registered afterwards; owner, admins and successor (GL-5); the announcement (GL-6) and pinned notices
 * (GL-10); dissolution (GL-8). Only the group's managers (owner, admins, the head of its department, HR) act;
 * everything is audited and published through the outbox.
 */
@ApplicationScoped
public class GroupAdministration {

    static final int TEXT_LIMIT = 2000;

    /** A platform chat to bind. */
    public record ChatRef(String platform, String chatId) {
    }

    /** The announcement's parts (GL-6); every one is required. */
    public record AnnouncementText(String purpose, String functions, String memberComposition, String rules,
            String ownerContact) {
    }

    /** Who runs a group (GL-5). Null fields stay as they are; a reason is required. */
    public record Stewards(String ownerId, List<String> admins, String successorId, String reason) {
    }

    /** A chat seen on a platform that no work group holds yet. */
    public record UnregisteredChat(String chat, String platform, String chatId, String name, String createdBy,
            String registrantId, int members, OffsetDateTime firstSeenAt) {
    }

    /** A group's own overrides of its type's policy (GL-7) and the policy it lives by with them. */
    public record PolicyView(String typeId, Map<String, Object> overrides, List<String> overridable,
            JsonNode effective) {
    }

    /** A pinned notice as the API shows it. */
    public record Pin(long id, String text, String pinnedBy, OffsetDateTime pinnedAt) {
    }

    /** The announcement as the API shows it. */
    public record AnnouncementView(String purpose, String functions, String memberComposition, String rules,
            String ownerContact, String publishedBy, OffsetDateTime publishedAt) {
    }

    private final GroupPolicies policies;
    private final GroupLifecycle lifecycle;
    private final GroupStates states;
    private final GroupTasks tasks;
    private final MemberChecks checks;
    private final Outbox outbox;
    private final Duration reviewEvery;

    public GroupAdministration(GroupPolicies policies, GroupLifecycle lifecycle, GroupStates states,
            GroupTasks tasks, MemberChecks checks, Outbox outbox,
            @ConfigProperty(name = "qunguan.groups.review-every", defaultValue = "30d") Duration reviewEvery) {
        this.policies = policies;
        this.lifecycle = lifecycle;
        this.states = states;
        this.tasks = tasks;
        this.checks = checks;
        this.outbox = outbox;
        this.reviewEvery = reviewEvery;
    }

    /**
     * Binds a platform chat to an approved or active group; the first binding activates it.
     *
     * @throws Refusal CONFLICT when the chat belongs to another group or the group is not approved
     */
    @Transactional
    public Optional<GroupView> bindChat(String groupId, ChatRef ref, Actor actor) {
        Optional<WorkGroup> found = managed(groupId, actor);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WorkGroup group = found.get();
        if (ref == null || ref.platform() == null || !Directory.PLATFORMS.contains(ref.platform())
                || ref.chatId() == null || ref.chatId().isBlank()) {
            throw Refusal.invalid("a chat {platform, chatId} is required; platforms: " + Directory.PLATFORMS);
        }
        if (group.status != Status.APPROVED && group.status != Status.ACTIVE) {
            throw Refusal.conflict("group " + groupId + " is " + group.status
                    + "; only an approved or active group is bound to chats");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String chatKey = GroupChat.keyOf(ref.platform(), ref.chatId().strip());
        GroupChat chat = GroupChat.lockedOrNew(chatKey, now);
        if (chat.groupId != null && !chat.groupId.equals(group.id)) {
            throw Refusal.conflict("chat " + chatKey + " belongs to group " + chat.groupId);
        }
        if (chat.dismissedAt != null) {
            throw Refusal.conflict("chat " + chatKey + " was dismissed on " + ref.platform());
        }
        if (chat.groupId == null && !mayBind(chat, actor)) {
            // binding shows the chat's roster to the group's managers: a chat already seen is bound by those who
            // may see it anyway
            throw Refusal.forbidden("chat " + chatKey + " is bound by HR, its registrant or one of its members");
        }
        chat.groupId = group.id;
        chat.boundAt = chat.boundAt == null ? now : chat.boundAt;
        tasks.closeOpen(chatKey, Kind.REGISTER_CHAT, chatKey, GroupTask.Status.DONE, actor.id(),
                "bound to " + group.id);
        AuditEntry.record(actor, "group.bind-chat", "group", group.id, null, chatKey);
        group.updatedAt = now;
        if (group.status == Status.APPROVED) {
            activate(group, now);
        } else {
            checkMembersOf(group, policies.of(group), chatKey);
            states.publish(group);
        }
        return lifecycle.find(groupId, actor);
    }

    /**
     * HR, the chat's registrant or one of its members may bind a chat; a chat never seen on its platform has no
     * roster to show, so the group's managers may bind it ahead of its first event.
     */
    private static boolean mayBind(GroupChat chat, Actor actor) {
        if (actor.isHr() || actor.id().equals(chat.registrantId)) {
            return true;
        }
        boolean seen = chat.name != null || chat.createdBy != null || chat.registrantId != null
                || ChatMember.count("key.chatKey", chat.chatKey) > 0;
        String account = EmployeeAccount.of(actor.id()).get(chat.platform);
        return !seen || account != null
                && ChatMember.findById(new ChatMember.Key(chat.chatKey, account)) != null;
    }

    /**
     * Completes the registration of a chat first seen on a platform: it becomes a group request like any other
     * (GL-1 to GL-4) with the chat attached, and is active as soon as its approval chain completes.
     */
    @Transactional
    public Optional<GroupView> register(String chatKey, GroupRequest request, Actor actor) {
        GroupChat chat = GroupChat.findById(chatKey, LockModeType.PESSIMISTIC_WRITE);
        if (chat == null || !(actor.isHr() || actor.id().equals(chat.registrantId))) {
            return Optional.empty();
        }
        if (chat.groupId != null || chat.dismissedAt != null) {
            throw Refusal.conflict("chat " + chatKey + (chat.groupId != null ? " is already registered as "
                    + chat.groupId : " was dismissed on its platform"));
        }
        GroupView requested = lifecycle.request(request, actor);
        chat.groupId = requested.id();
        tasks.closeOpen(chatKey, Kind.REGISTER_CHAT, chatKey, GroupTask.Status.DONE, actor.id(),
                "registered as " + requested.id());
        if (requested.status() == Status.APPROVED) {
            approved(new GroupLifecycle.Approved(requested.id()));
        }
        return lifecycle.find(requested.id(), actor);
    }

    /** A request's chain completed: a group registered from its chat is active at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    void approved(@Observes GroupLifecycle.Approved approved) {
        WorkGroup group = WorkGroup.findById(approved.groupId());
        List<GroupChat> waiting = GroupChat.<GroupChat>list("groupId = ?1 and boundAt is null and dismissedAt is null",
                group.id);
        if (waiting.isEmpty() || group.status != Status.APPROVED) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        waiting.forEach(chat -> chat.boundAt = now);
        activate(group, now);
    }

    /** Chats seen on the platforms that no group holds: HR sees all, anyone else those they are to register. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UnregisteredChat> unregistered(Actor actor) {
        return GroupChat.unbound(actor.overseesAll() ? null : actor.id()).stream()
                .map(chat -> new UnregisteredChat(chat.chatKey, chat.platform, chat.chatId, chat.name,
                        chat.createdBy, chat.registrantId,
                        (int) ChatMember.count("key.chatKey", chat.chatKey), chat.firstSeenAt))
                .toList();
    }

    /** Publishes (or replaces) the announcement; all five parts are required (GL-6). */
    @Transactional
    public Optional<AnnouncementView> announce(String groupId, AnnouncementText text, Actor actor) {
        Optional<WorkGroup> found = managed(groupId, actor);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WorkGroup group = found.get();
        requireActive(group, "announces");
        List<String> problems = new ArrayList<>();
        AnnouncementText given = text == null ? new AnnouncementText(null, null, null, null, null) : text;
        String purpose = RequiredText.of(given.purpose(), "purpose", TEXT_LIMIT, problems);
        String functions = RequiredText.of(given.functions(), "functions", TEXT_LIMIT, problems);
        String composition = RequiredText.of(given.memberComposition(), "memberComposition", TEXT_LIMIT, problems);
        String rules = RequiredText.of(given.rules(), "rules", TEXT_LIMIT, problems);
        String contact = RequiredText.of(given.ownerContact(), "ownerContact", TEXT_LIMIT, problems);
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, problems);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Announcement announcement = Announcement.<Announcement>findByIdOptional(group.id).orElseGet(Announcement::new);
        announcement.groupId = group.id;
        announcement.purpose = purpose;
        announcement.functions = functions;
        announcement.memberComposition = composition;
        announcement.rules = rules;
        announcement.ownerContact = contact;
        announcement.publishedBy = actor.id();
        announcement.publishedAt = now;
        announcement.persist();
        outbox.add(EventEnvelope.fresh(GroupStates.SOURCE, new AnnouncementPublished(group.id, purpose, functions,
                composition, rules, contact, actor.id(), now)));
        tasks.closeOpen(group.id, Kind.PUBLISH_ANNOUNCEMENT, "", GroupTask.Status.DONE, actor.id(), "published");
        AuditEntry.record(actor, "group.announce", "group", group.id, null, purpose);
        group.updatedAt = now;
        states.publish(group);
        return Optional.of(viewOf(announcement));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Optional<AnnouncementView>> announcement(String groupId, Actor actor) {
        return visible(groupId, actor).map(group -> Announcement.<Announcement>findByIdOptional(group.id)
                .map(GroupAdministration::viewOf));
    }

    /** Pins an important notice so it reaches everyone (GL-10). */
    @Transactional
    public Optional<Pin> pin(String groupId, String text, Actor actor) {
        Optional<WorkGroup> found = managed(groupId, actor);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WorkGroup group = found.get();
        requireActive(group, "pins");
        List<String> problems = new ArrayList<>();
        String notice = RequiredText.of(text, "text", TEXT_LIMIT, problems);
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, problems);
        }
        PinnedNotice pinned = new PinnedNotice();
        pinned.groupId = group.id;
        pinned.text = notice;
        pinned.pinnedBy = actor.id();
        pinned.pinnedAt = OffsetDateTime.now(ZoneOffset.UTC);
        pinned.persist();
        outbox.add(EventEnvelope.fresh(GroupStates.SOURCE, new NoticePinned(group.id, pinned.id, notice, true,
                actor.id(), pinned.pinnedAt)));
        AuditEntry.record(actor, "group.pin", "group", group.id, null, "notice " + pinned.id);
        return Optional.of(new Pin(pinned.id, pinned.text, pinned.pinnedBy, pinned.pinnedAt));
    }

    @Transactional
    public boolean unpin(String groupId, long noticeId, Actor actor) {
        Optional<WorkGroup> found = managed(groupId, actor);
        PinnedNotice pinned = PinnedNotice.findById(noticeId);
        if (found.isEmpty() || pinned == null || !pinned.groupId.equals(groupId) || pinned.unpinnedAt != null) {
            return false;
        }
        pinned.unpinnedAt = OffsetDateTime.now(ZoneOffset.UTC);
        outbox.add(EventEnvelope.fresh(GroupStates.SOURCE, new NoticePinned(groupId, pinned.id, pinned.text, false,
                actor.id(), pinned.unpinnedAt)));
        AuditEntry.record(actor, "group.unpin", "group", groupId, null, "notice " + pinned.id);
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<List<Pin>> pins(String groupId, Actor actor) {
        return visible(groupId, actor).map(group -> PinnedNotice.pinned(group.id).stream()
                .map(p -> new Pin(p.id, p.text, p.pinnedBy, p.pinnedAt)).toList());
    }

    /**
     * Changes the owner, admins or successor (GL-5). The owner is changed by the owner, the head of the group's
     * department or HR; admins and successor by any manager. Everyone named must be an active employee.
     */
    @Transactional
    public Optional<GroupView> changeStewards(String groupId, Stewards stewards, Actor actor) {
        Optional<WorkGroup> found = managed(groupId, actor);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WorkGroup group = found.get();
        if (stewards == null || stewards.reason() == null || stewards.reason().isBlank()) {
            throw Refusal.invalid("a reason is required");
        }
        if (group.status == Status.DISSOLVED || group.status == Status.REJECTED) {
            throw Refusal.conflict("group " + groupId + " is " + group.status);
        }
        List<String> problems = new ArrayList<>();
        List<String> named = new ArrayList<>();
        if (stewards.ownerId() != null) {
            named.add(stewards.ownerId());
        }
        if (stewards.successorId() != null) {
            named.add(stewards.successorId());
        }
        if (stewards.admins() != null) {
            named.addAll(stewards.admins());
        }
        named.stream().distinct().filter(id -> Employee.<Employee>findByIdOptional(id)
                        .filter(employee -> employee.active && !employee.external).isEmpty())
                .forEach(id -> problems.add(id + " is not an active employee"));
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, problems);
        }
        String reason = stewards.reason().strip();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (stewards.ownerId() != null && !stewards.ownerId().equals(group.ownerId)) {
            if (!actor.isHr() && !actor.id().equals(group.ownerId) && !GroupAccess.headsDepartmentOf(group, actor)) {
                throw Refusal.forbidden("the owner is handed over by the owner, the head of the group's department "
                        + "or HR");
            }
            changeOwner(group, stewards.ownerId(), reason, actor, now);
        }
        if (stewards.admins() != null) {
            List<String> admins = List.copyOf(new LinkedHashSet<>(stewards.admins()));
            AuditEntry.record(actor, "group.admins", "group", group.id, reason, String.join(",", admins));
            group.admins = admins.stream().filter(id -> !id.equals(group.ownerId)).toList();
        }
        if (stewards.successorId() != null) {
            AuditEntry.record(actor, "group.successor", "group", group.id, reason, stewards.successorId());
            group.successorId = stewards.successorId();
        }
        group.updatedAt = now;
        states.publish(group);
        return lifecycle.find(groupId, actor);
    }

    /**
     * Replaces the group's overrides of its type's policy (GL-7); an empty map returns it to the type's policy. Only
     * parts the type lists as overridable, and only by the head of the group's department or HR: an owner could
     * otherwise loosen the moderation their own group is held to.
     */
    @Transactional
    public Optional<PolicyView> overridePolicy(String groupId, Map<String, Object> overrides, String reason,
            Actor actor) {
        Optional<WorkGroup> found = managed(groupId, actor);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WorkGroup group = found.get();
        if (!actor.isHr() && !GroupAccess.headsDepartmentOf(group, actor)) {
            throw Refusal.forbidden("a group's policy is overridden by the head of its department or HR");
        }
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("a reason is required");
        }
        if (group.status == Status.DISSOLVED || group.status == Status.REJECTED) {
            throw Refusal.conflict("group " + groupId + " is " + group.status);
        }
        Map<String, Object> given = overrides == null ? Map.of() : overrides;
        PolicyDocuments.overridden(policies.ofType(group), given);
        group.policyOverrides = new TreeMap<>(given);
        group.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        AuditEntry.record(actor, "group.policy-overrides", "group", group.id, reason.strip(),
                String.join(",", group.policyOverrides.keySet()));
        states.publish(group);
        return Optional.of(policyViewOf(group));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PolicyView> policy(String groupId, Actor actor) {
        return visible(groupId, actor).map(this::policyViewOf);
    }

    private PolicyView policyViewOf(WorkGroup group) {
        return new PolicyView(group.typeId, group.policyOverrides, policies.ofType(group).overridable(),
                PolicyDocuments.tree(policies.of(group)));
    }

    /** Dissolves a group at its manager's request (GL-8); its members are told through {@code GroupDissolved}. */
    @Transactional
    public Optional<GroupView> dissolve(String groupId, String reason, Actor actor) {
        Optional<WorkGroup> found = managed(groupId, actor);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("a reason is required");
        }
        WorkGroup group = found.get();
        if (group.status != Status.ACTIVE && group.status != Status.APPROVED) {
            throw Refusal.conflict("group " + groupId + " is " + group.status + "; only an approved or active group "
                    + "is dissolved");
        }
        dissolve(group, reason.strip(), actor);
        return lifecycle.find(groupId, actor);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<List<GroupRoster.Entry>> members(String groupId, Actor actor) {
        return visible(groupId, actor).map(GroupRoster::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<List<GroupTasks.TaskView>> tasksOf(String groupId, Actor actor) {
        return visible(groupId, actor).map(group -> tasks.ofGroup(group.id));
    }

    /** Dissolves in the caller's transaction: by a manager, after an unanswered review, or by the platform. */
    @Transactional(Transactional.TxType.MANDATORY)
    void dissolve(WorkGroup group, String reason, Actor actor) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> chats = GroupChat.boundKeys(group.id);
        List<String> members = GroupRoster.of(group).stream().map(GroupRoster.Entry::platformUserId)
                .filter(user -> user != null).toList();
        group.status = Status.DISSOLVED;
        group.dissolvedAt = now;
        group.dissolutionReason = reason;
        group.updatedAt = now;
        tasks.closeAll(group.id, GroupTask.Status.DISMISSED, actor.id(), "group dissolved");
        outbox.add(EventEnvelope.fresh(GroupStates.SOURCE, new GroupDissolved(group.id, group.name, reason,
                actor.id(), chats, members, now)));
        AuditEntry.record(actor, "group.dissolve", "group", group.id, reason, String.join(",", chats));
        states.publish(group);
    }

    /** Moves the ownership (GL-5): the new owner stops being an admin. */
    @Transactional(Transactional.TxType.MANDATORY)
    void changeOwner(WorkGroup group, String ownerId, String reason, Actor actor, OffsetDateTime now) {
        String previous = group.ownerId;
        group.ownerId = ownerId;
        group.admins = group.admins.stream().filter(id -> !id.equals(ownerId)).toList();
        if (ownerId.equals(group.successorId)) {
            group.successorId = null;
        }
        group.updatedAt = now;
        GroupTask.<GroupTask>list("groupId = ?1 and status = ?2 and assigneeId = ?3", group.id,
                GroupTask.Status.OPEN, previous).forEach(task -> task.assigneeId = ownerId);
        outbox.add(EventEnvelope.fresh(GroupStates.SOURCE, new GroupOwnerChanged(group.id, previous, ownerId, reason,
                actor.id(), now)));
        AuditEntry.record(actor, "group.owner", "group", group.id, reason, previous + " -> " + ownerId);
    }

    /**
     * Activates an approved group: the announcement falls due (GL-6, a task for the owner), reviews are scheduled
     * (GL-9), the people already in its chats are checked (MB-*) and the mandatory members reconciled (MB-7).
     */
    private void activate(WorkGroup group, OffsetDateTime now) {
        GroupPolicy policy = policies.of(group);
        group.status = Status.ACTIVE;
        group.activatedAt = now;
        group.lastActivityAt = now;
        group.announcementDueAt = now.plusHours(policy.announcementWithinHours());
        group.nextReviewAt = now.plus(reviewEvery);
        group.updatedAt = now;
        List<String> chats = GroupChat.boundKeys(group.id);
        outbox.add(EventEnvelope.fresh(GroupStates.SOURCE, new GroupActivated(group.id, group.name, group.ownerId,
                chats, group.announcementDueAt, now)));
        tasks.open(group.id, null, Kind.PUBLISH_ANNOUNCEMENT, "GL-6", "", group.ownerId,
                "publish the group's announcement: purpose, main functions, member composition, rules and your "
                        + "contact", group.announcementDueAt);
        chats.forEach(chat -> checkMembersOf(group, policy, chat));
        checks.reconcile(group, policy);
        states.publish(group);
    }

    /** Checks the people already in a chat when it joins an active group. */
    private void checkMembersOf(WorkGroup group, GroupPolicy policy, String chatKey) {
        ChatMember.inChats(List.of(chatKey)).forEach(member -> checks.joined(group, policy, chatKey, member));
    }

    private Optional<WorkGroup> visible(String groupId, Actor actor) {
        return WorkGroup.<WorkGroup>findByIdOptional(groupId).filter(group -> visible(group, actor));
    }

    private boolean visible(WorkGroup group, Actor actor) {
        return GroupAccess.visible(group, actor, policies.of(group).approvalChain());
    }

    /**
     * The group locked for a change by one of its managers: empty when the caller may not see it; refused when they
     * see it but do not manage it (an auditor, a requester).
     */
    private Optional<WorkGroup> managed(String groupId, Actor actor) {
        Optional<WorkGroup> found = Optional.ofNullable(WorkGroup.<WorkGroup>findById(groupId,
                LockModeType.PESSIMISTIC_WRITE)).filter(group -> visible(group, actor));
        if (found.isPresent() && !GroupAccess.manages(found.get(), actor)) {
            throw Refusal.forbidden("only the group's owner, admins, the head of its department or HR manage it");
        }
        return found;
    }

    private static void requireActive(WorkGroup group, String verb) {
        if (group.status != Status.ACTIVE) {
            throw Refusal.conflict("group " + group.id + " is " + group.status + "; only an active group " + verb);
        }
    }

    private static AnnouncementView viewOf(Announcement a) {
        return new AnnouncementView(a.purpose, a.functions, a.memberComposition, a.rules, a.ownerContact,
                a.publishedBy, a.publishedAt);
    }
}
