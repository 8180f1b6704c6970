package io.qunguan.group.domain.groups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/** Someone in a platform chat now, as the platform reported them: their user id there and their nickname. */
@Entity
@Table(name = "chat_member")
public class ChatMember extends PanacheEntityBase {

    /** The chat and the platform user. */
    @Embeddable
    public record Key(@Column(name = "chat_key") String chatKey,
            @Column(name = "platform_user_id") String platformUserId) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public String nickname;
    @Column(name = "invited_by")
    public String invitedBy;
    @Column(name = "joined_at")
    public OffsetDateTime joinedAt;

    static List<ChatMember> inChats(Collection<String> chatKeys) {
        if (chatKeys.isEmpty()) {
            return List.of();
        }
        return list("key.chatKey in ?1 order by key.chatKey, key.platformUserId", chatKeys);
    }

    /** The chats of the given ones the platform user is in. */
    static List<ChatMember> ofUser(String platform, String platformUserId) {
        return list("key.platformUserId = ?1 and key.chatKey like ?2", platformUserId, platform + ":%");
    }
}
