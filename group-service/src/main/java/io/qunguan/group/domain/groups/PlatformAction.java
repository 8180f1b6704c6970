package io.qunguan.group.domain.groups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.qunguan.events.Platform;
import io.qunguan.group.domain.groups.ChatAdministration.Action;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An admin action on a platform chat, from the moment it is decided until the platform or a person did it. */
@Entity
@Table(name = "platform_action")
public class PlatformAction extends PanacheEntityBase {

    /** Where an action stands. */
    public enum Status {
        /** Waiting for its (next) attempt. */
        PENDING,
        /** The platform did it. */
        DONE,
        /** The platform cannot or would not: an owner task asks a person to do it. */
        HANDED_OVER,
        /** A message that could not be posted; not repeated, nobody else does it. */
        FAILED,
        /**
         * Sent, and whether the platform did it is unknown (its answer was lost, or the instance stopped mid-call),
         * on an action that must not be made twice: a person confirms whether it happened.
         */
        UNCERTAIN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "action_key")
    public String actionKey;
    @Enumerated(EnumType.STRING)
    public Action kind;
    public Platform platform;
    @Column(name = "chat_id")
    public String chatId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "message_id")
    public String messageId;
    public String text;
    @Column(name = "mute_seconds")
    public Long muteSeconds;
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "violation_id")
    public UUID violationId;
    @Column(name = "requested_by")
    public String requestedBy;
    public String reason;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "due_at")
    public OffsetDateTime dueAt;
    public String detail;
    @Column(name = "task_id")
    public Long taskId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    /** When the attempt in flight began; null when no call is in flight. */
    @Column(name = "attempt_started_at")
    public OffsetDateTime attemptStartedAt;
    /** Who confirmed an uncertain action's outcome. */
    @Column(name = "confirmed_by")
    public String confirmedBy;

    public String chatKey() {
        return platform.chatKey(chatId);
    }

    /** The call to make; its key is stable across attempts, so Feishu drops a repeated post. */
    ChatAdministration.Request toRequest() {
        return new ChatAdministration.Request(kind, platform, chatId, userId, messageId, text,
                muteSeconds == null ? null : Duration.ofSeconds(muteSeconds),
                UUID.nameUUIDFromBytes(actionKey.getBytes(StandardCharsets.UTF_8)).toString());
    }
}
