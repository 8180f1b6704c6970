package io.qunguan.group.domain.groups;

import io.qunguan.events.AppealDecided;
import io.qunguan.events.Platform;
import io.qunguan.events.Sanction;
import io.qunguan.events.ViolationOpened;
import io.qunguan.group.domain.groups.ChatAdministration.Action;
import io.qunguan.group.domain.groups.GroupTask.Kind;
import io.qunguan.group.domain.groups.PlatformAction.Status;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.AuditEntry;
import io.qunguan.group.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns sanctions (SV-2) into admin actions on the platform the violation happened on, and keeps each action until
 * the platform did it or a person was asked to: a reminder or warning is posted in the chat to the member, a recall
 * request recalls the message, a mute mutes, a removal removes. Where the platform offers no API, refuses, or stays
 * unavailable through every attempt, the action becomes an owner task for the chat's group owner (HR's queue for a
 * chat no group holds). Chats of bridges Qunguan has no admin API for (the generic webhook) get owner tasks only.
 */
@ApplicationScoped
public class PlatformActions {

    /** Who requests the actions sanctions call for. */
    public static final String SANCTIONS = "qunguan-sanctions";
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration TASK_WITHIN = Duration.ofDays(1);

    private final GroupTasks tasks;
    private final ChatAdministration chats;
    private final boolean postReminders;
    private final int maxAttempts;

    public PlatformActions(GroupTasks tasks, ChatAdministration chats,
            @ConfigProperty(name = "qunguan.sanctions.post-reminders", defaultValue = "true") boolean postReminders,
            @ConfigProperty(name = "qunguan.platform-actions.max-attempts", defaultValue = "8") int maxAttempts) {
        this.tasks = tasks;
        this.chats = chats;
        this.postReminders = postReminders;
        this.maxAttempts = maxAttempts;
    }

    /** A claimed action: what to call, and which row records the outcome. */
    public record Claimed(long id, int attempt, ChatAdministration.Request request) {
    }

    /**
     * Plans what {@code violation}'s sanction asks of the platform; nothing for a replayed violation, a violation only
     * recorded, a sanction that is HR's business (written warning, fine, penalty red packet, referral), or a violation
     * the event places in no chat.
     */
    @Transactional
    public void sanction(ViolationOpened violation, OffsetDateTime now) {
        Sanction sanction = violation.sanction();
        Platform platform = violation.platform();
        String chatId = violation.chatId();
        if (sanction == null || platform == null || violation.memberId() == null) {
            return;
        }
        String rule = violation.ruleId() + (violation.category() == null ? "" : " " + violation.category());
        switch (sanction.kind()) {
            case REMINDER, WARNING -> {
                // a platform Qunguan cannot post to gets no reminder: the violation itself is recorded and notified
                if (postReminders && chats.offers(platform, Action.POST_MESSAGE)) {
                    String text = sanction.kind() == Sanction.Kind.REMINDER
                            ? "【群管提醒】请遵守群规（" + rule + "）。"
                            : "【群管警告】你的消息违反了群规（" + rule + "），再次违反将被禁言。";
                    plan(violation, Action.POST_MESSAGE, platform, chatId, null, text, null, now);
                }
            }
            case RECALL_REQUEST -> {
                if (violation.messageId() != null && !violation.messageId().startsWith("breach:")) {
                    plan(violation, Action.RECALL_MESSAGE, platform, chatId, violation.messageId(), null,
                            null, now);
                }
            }
            case MUTE -> plan(violation, Action.MUTE_MEMBER, platform, chatId, null, null,
                    Duration.ofMinutes(sanction.minutes()), now);
            case REMOVAL -> plan(violation, Action.REMOVE_MEMBER, platform, chatId, null, null, null, now);
            case WRITTEN_WARNING, FINE, PENALTY_RED_PACKET, REFERRAL_TO_HR -> {
                // HR's paper and money, not a platform action; notification-service tells the person and HR
            }
        }
    }

    /**
     * Undoes what an upheld appeal reversed (SV-6): actions of the violation not carried out yet are cancelled, a mute
     * is lifted through the platform where it can be (else the owner is asked to), and the owner is asked to invite
     * back a member the violation removed. Nothing for a rejected appeal or a replayed decision.
     */
    @Transactional
    public void reverse(AppealDecided decided, OffsetDateTime now) {
        if (!decided.upheld() || decided.platform() == null || decided.chatId() == null
                || decided.memberId() == null) {
            return;
        }
        // the sanction's own actions, not the undoing a replayed decision planned already
        PlatformAction.update("status = ?1, detail = ?2, finishedAt = ?3 where violationId = ?4 and status = ?5 "
                        + "and actionKey like 'violation:%'", Status.FAILED,
                "cancelled: the appeal " + decided.appealId() + " was upheld", now, decided.violationId(),
                Status.PENDING);
        Sanction sanction = decided.sanction();
        if (sanction == null) {
            return;
        }
        String reason = "appeal upheld for " + decided.ruleId() + ": " + decided.reason();
        if (sanction.kind() == Sanction.Kind.MUTE) {
            insert("appeal:" + decided.appealId() + ":" + Action.UNMUTE_MEMBER, Action.UNMUTE_MEMBER,
                    decided.platform(), decided.chatId(), decided.memberId(), null, null, null, decided.ruleId(),
                    decided.violationId(), reason, now);
        } else if (sanction.kind() == Sanction.Kind.REMOVAL) {
            String chatKey = decided.platform().chatKey(decided.chatId());
            GroupChat chat = GroupChat.findById(chatKey);
            WorkGroup group = chat == null || chat.groupId == null ? null : WorkGroup.findById(chat.groupId);
            tasks.open(group == null ? null : group.id, chatKey, Kind.RESTORE_MEMBER, "SV-6",
                    decided.platform().id() + ":" + decided.memberId() + " SV-6", group == null ? null : group.ownerId,
                    "Invite " + decided.memberId() + " back into " + chatKey + ": the removal for " + decided.ruleId()
                            + " was reversed on appeal (" + decided.reason() + ")", now.plus(TASK_WITHIN));
        }
    }

    /** Inserts the action unless the violation already planned one of this kind (a replayed violation). */
    private static void plan(ViolationOpened violation, Action kind, Platform platform, String chatId,
            String messageId, String text, Duration mute, OffsetDateTime now) {
        insert("violation:" + violation.violationId() + ":" + kind, kind, platform, chatId, violation.memberId(),
                messageId, text, mute, violation.ruleId(), violation.violationId(),
                violation.sanction().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " for "
                        + violation.ruleId(), now);
    }

    /** Inserts an action once per key. */
    private static void insert(String key, Action kind, Platform platform, String chatId, String userId,
            String messageId, String text, Duration mute, String ruleId, UUID violationId, String reason,
            OffsetDateTime now) {
        PlatformAction.getEntityManager().createNativeQuery("""
                        INSERT INTO platform_action (action_key, kind, platform, chat_id, user_id, message_id, text,
                                                     mute_seconds, rule_id, violation_id, requested_by, reason, status,
                                                     attempts, due_at, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'PENDING', 0, ?13, ?13)
                        ON CONFLICT (action_key) DO NOTHING""")
                .setParameter(1, key).setParameter(2, kind.name()).setParameter(3, platform.id())
                .setParameter(4, chatId).setParameter(5, userId).setParameter(6, messageId).setParameter(7, text)
                .setParameter(8, mute == null ? null : mute.toSeconds()).setParameter(9, ruleId)
                .setParameter(10, violationId).setParameter(11, SANCTIONS).setParameter(12, reason)
                .setParameter(13, now).executeUpdate();
    }

    /**
     * Claims the next action due by {@code dueBy} for one attempt, leased from {@code claimedAt} (the moment of the
     * claim, so a slow call before it does not eat into this action's lease); none of {@code skip}. An action whose
     * previous attempt never recorded an outcome (its instance stopped mid-call, the lease ran out) is made again
     * only where repeating changes nothing; otherwise it becomes {@code UNCERTAIN} for a person to confirm, and the
     * next due action is claimed instead.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claimed> claimNext(OffsetDateTime dueBy, OffsetDateTime claimedAt, Set<Long> skip) {
        while (true) {
            @SuppressWarnings("unchecked")
            List<Number> ids = PlatformAction.getEntityManager().createNativeQuery("""
                            SELECT id FROM platform_action WHERE status = 'PENDING' AND due_at <= ?1
                              AND id NOT IN (?2)
                            ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                    .setParameter(1, dueBy).setParameter(2, skip.isEmpty() ? List.of(-1L) : skip).getResultList();
            if (ids.isEmpty()) {
                return Optional.empty();
            }
            PlatformAction action = PlatformAction.findById(ids.getFirst().longValue());
            ChatAdministration.Request request = action.toRequest();
            if (action.attemptStartedAt != null && !chats.repeatable(request)) {
                action.detail = "attempt " + action.attempts + " began at " + action.attemptStartedAt
                        + " and never recorded what the platform said (the instance stopped mid-call); it may have "
                        + "been done: confirm whether it happened";
                action.attemptStartedAt = null;
                finish(action, Status.UNCERTAIN, claimedAt);
                continue;
            }
            if (action.attemptStartedAt != null) {
                action.detail = "attempt " + action.attempts + " began at " + action.attemptStartedAt
                        + " and never recorded an outcome; made again, which changes nothing if it was done";
            }
            action.attempts++;
            action.attemptStartedAt = claimedAt;
            action.dueAt = claimedAt.plus(LEASE);
            return Optional.of(new Claimed(action.id, action.attempts, request));
        }
    }

    /**
     * Records what the platform said about one attempt; hands the action to a person when it must. An outcome of an
     * attempt that is no longer the action's latest (its lease ran out and another instance took the action) is
     * not recorded.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PlatformAction record(long id, int attempt, ChatAdministration.Outcome outcome, OffsetDateTime now) {
        PlatformAction action = PlatformAction.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (action == null || action.status != Status.PENDING || action.attempts != attempt) {
            return action;
        }
        action.attemptStartedAt = null;
        action.detail = outcome.detail();
        switch (outcome.status()) {
            case DONE -> finish(action, Status.DONE, now);
            case UNCERTAIN -> finish(action, Status.UNCERTAIN, now);
            case NOT_OFFERED, REFUSED -> handOver(action, now);
            case UNAVAILABLE -> {
                if (action.attempts >= maxAttempts) {
                    action.detail = "unavailable through " + action.attempts + " attempts: " + outcome.detail();
                    handOver(action, now);
                } else {
                    Duration backoff = Duration.ofSeconds(Math.min(3600, 5L << Math.min(action.attempts - 1, 10)));
                    Duration wait = outcome.retryAfter() != null && outcome.retryAfter().compareTo(backoff) > 0
                            ? outcome.retryAfter() : backoff;
                    action.dueAt = now.plus(wait);
                }
            }
        }
        return action;
    }

    /**
     * A person says whether an {@code UNCERTAIN} action happened on the platform: it is then done, or due again
     * for a fresh attempt.
     *
     * @return empty for an unknown action
     */
    @Transactional
    public Optional<PlatformAction> confirm(long id, boolean happened, String reason, Actor actor) {
        PlatformAction action = PlatformAction.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (action == null) {
            return Optional.empty();
        }
        if (action.status != Status.UNCERTAIN) {
            throw Refusal.conflict("action " + id + " is " + action.status + "; only an UNCERTAIN action is confirmed");
        }
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("a reason is required");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        action.confirmedBy = actor.id();
        action.detail = (happened ? "confirmed done" : "confirmed not done, to be made again") + " by " + actor.id()
                + ": " + reason.strip();
        if (happened) {
            finish(action, Status.DONE, now);
        } else {
            action.status = Status.PENDING;
            action.finishedAt = null;
            action.dueAt = now;
        }
        AuditEntry.record(actor, happened ? "platform-action.confirm-done" : "platform-action.confirm-not-done",
                "platform-action", String.valueOf(id), reason.strip(), action.kind.name());
        return Optional.of(action);
    }

    private void handOver(PlatformAction action, OffsetDateTime now) {
        if (action.kind == Action.POST_MESSAGE) {
            // a reminder nobody could post is not worth a person's task; the violation itself is recorded
            finish(action, Status.FAILED, now);
            return;
        }
        GroupChat chat = GroupChat.findById(action.chatKey());
        String groupId = chat == null ? null : chat.groupId;
        WorkGroup group = groupId == null ? null : WorkGroup.findById(groupId);
        Kind kind = switch (action.kind) {
            case REMOVE_MEMBER -> Kind.REMOVE_MEMBER;
            case MUTE_MEMBER -> Kind.MUTE_MEMBER;
            case UNMUTE_MEMBER -> Kind.UNMUTE_MEMBER;
            case RECALL_MESSAGE -> Kind.RECALL_MESSAGE;
            case RENAME_CHAT -> Kind.RENAME_CHAT;
            default -> Kind.DISMISS_CHAT;
        };
        String subject = (action.userId == null ? action.chatKey() : action.platform.id() + ":" + action.userId)
                + " " + (action.ruleId == null ? "action " + action.id : action.ruleId);
        String detail = describe(action) + ". Qunguan could not do it through the platform (" + action.detail
                + "); please do it in the chat.";
        GroupTask task = tasks.open(groupId, action.chatKey(), kind, action.ruleId == null ? "SV-2" : action.ruleId,
                subject, group == null ? null : group.ownerId, detail, now.plus(TASK_WITHIN));
        action.taskId = task.id;
        finish(action, Status.HANDED_OVER, now);
    }

    private static String describe(PlatformAction action) {
        return switch (action.kind) {
            case REMOVE_MEMBER -> "Remove " + action.userId + " from " + action.chatKey() + " (" + action.reason + ")";
            case MUTE_MEMBER -> "Mute " + action.userId + " in " + action.chatKey() + " for "
                    + Duration.ofSeconds(action.muteSeconds) + " (" + action.reason + ")";
            case UNMUTE_MEMBER -> "Lift the mute of " + action.userId + " in " + action.chatKey() + " ("
                    + action.reason + ")";
            case RECALL_MESSAGE -> "Recall message " + action.messageId + " of " + action.userId + " in "
                    + action.chatKey() + " (" + action.reason + ")";
            case RENAME_CHAT -> "Rename " + action.chatKey() + " to " + action.text + " (" + action.reason + ")";
            case DISMISS_CHAT -> "Dismiss " + action.chatKey() + " (" + action.reason + ")";
            case POST_MESSAGE -> "Post in " + action.chatKey();
        };
    }

    private static void finish(PlatformAction action, Status status, OffsetDateTime now) {
        action.status = status;
        action.finishedAt = now;
    }

    /** The latest actions, newest first, optionally of one status. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PlatformAction> latest(Status status, int limit) {
        return (status == null ? PlatformAction.<PlatformAction>find("order by id desc")
                : PlatformAction.<PlatformAction>find("status = ?1 order by id desc", status)).page(0, limit).list();
    }
}
