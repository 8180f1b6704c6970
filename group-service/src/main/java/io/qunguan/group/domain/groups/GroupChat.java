package io.qunguan.group.domain.groups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A chat on a platform. Bound to its work group once activated (GL-1); unbound while it is a pending registration
 * (first seen through the platform's chat creation) or known only through its members' events.
 */
@Entity
@Table(name = "group_chat")
public class GroupChat extends PanacheEntityBase {

    /** {@code <platform>:<chatId>}: the group id of the chat's im.* events. */
    @Id
    @Column(name = "chat_key")
    public String chatKey;
    public String platform;
    @Column(name = "chat_id")
    public String chatId;
    public String name;
    @Column(name = "group_id")
    public String groupId;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "registrant_id")
    public String registrantId;
    @Column(name = "first_seen_at")
    public OffsetDateTime firstSeenAt;
    @Column(name = "bound_at")
    public OffsetDateTime boundAt;
    @Column(name = "dismissed_at")
    public OffsetDateTime dismissedAt;
    @Column(name = "last_activity_at")
    public OffsetDateTime lastActivityAt;

    public static String keyOf(String platform, String chatId) {
        return platform + ":" + chatId;
    }

    /** The platform of a chat key, {@code wecom} of {@code wecom:wrOgAB}. */
    static String platformOf(String chatKey) {
        return chatKey.substring(0, chatKey.indexOf(':'));
    }

    /**
     * The chat locked for a change, first recorded now when it was never seen. The row is inserted if absent before it
     * is locked: a chat bound over REST while the membership consumer sees its first event would otherwise be inserted
     * by both transactions, and the second would fail on the primary key.
     */
    static GroupChat lockedOrNew(String chatKey, OffsetDateTime now) {
        String platform = platformOf(chatKey);
        getEntityManager().createNativeQuery("""
                        INSERT INTO group_chat (chat_key, platform, chat_id, first_seen_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (chat_key) DO NOTHING""")
                .setParameter(1, chatKey).setParameter(2, platform)
                .setParameter(3, chatKey.substring(platform.length() + 1)).setParameter(4, now).executeUpdate();
        return findById(chatKey, LockModeType.PESSIMISTIC_WRITE);
    }

    static List<GroupChat> ofGroup(String groupId) {
        return list("groupId = ?1 order by chatKey", groupId);
    }

    /** The keys of the chats bound to a group, dismissed ones included. */
    static List<String> boundKeys(String groupId) {
        return ofGroup(groupId).stream().filter(chat -> chat.boundAt != null).map(chat -> chat.chatKey).toList();
    }

    /** Chats nobody has bound to a group yet and that still exist on their platform; of one registrant if given. */
    static List<GroupChat> unbound(String registrantId) {
        String unbound = "groupId is null and dismissedAt is null";
        return registrantId == null ? list(unbound + " order by firstSeenAt desc")
                : list(unbound + " and registrantId = ?1 order by firstSeenAt desc", registrantId);
    }
}
