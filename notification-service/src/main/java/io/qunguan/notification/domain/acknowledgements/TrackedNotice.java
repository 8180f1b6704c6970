package io.qunguan.notification.domain.acknowledgements;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A group notice everyone must acknowledge by {@link #dueAt} (BH-6), tracked member by member. */
@Entity
@Table(name = "tracked_notice")
public class TrackedNotice extends PanacheEntityBase {

    /** Where the notice came from. */
    public enum Source {
        /** Posted in a chat by a member, recognised by the group's markers. */
        CHAT,
        /** Created over REST and posted in the group's chats by Qunguan. */
        REST,
        /** Pinned by group-service (GL-10) and sent to every member. */
        PINNED
    }

    @Id
    public UUID id;
    @Column(name = "group_id")
    public String groupId;
    /** {@code <platform>:<chatId>} it was posted in; null for one sent to people rather than posted. */
    @Column(name = "chat_key")
    public String chatKey;
    /** The platform message, the REST request or the pinned notice it stands for. */
    @Column(name = "message_id")
    public String messageId;
    @Enumerated(EnumType.STRING)
    public Source source;
    /** {@code <platform>:<userId>} of a member who posted it, or the employee id of who created it. */
    @Column(name = "author_id")
    public String authorId;
    public String excerpt;
    @Column(name = "posted_at")
    public OffsetDateTime postedAt;
    @Column(name = "due_at")
    public OffsetDateTime dueAt;
    /** When its deadline passed (or it was unpinned): acknowledgements after it count no more. */
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
}
