package io.qunguan.notification.domain.groups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.eventing.PagedRosters;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupRosterPage;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.Platform;
import io.qunguan.events.PlatformKey;
import io.qunguan.notification.domain.directory.AccountsLearned;
import io.qunguan.notification.domain.directory.PersonAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * notification-service's replica of {@code group.state}: each registered group's chats, members, managers and the
 * parts of its effective policy that notices follow. The newest snapshot of a group (by its version) wins; an older
 * one arriving late is ignored.
 */
@ApplicationScoped
public class GroupReplica {

    /** A group as the replica holds it. */
    public record Group(String groupId, String name, String ownerId, List<String> admins, NoticePolicy policy) {

        /** Whether {@code employeeId} owns or administers the group. */
        public boolean managedBy(String employeeId) {
            return employeeId != null && (employeeId.equals(ownerId) || admins.contains(employeeId));
        }
    }

    /**
     * A member of a group.
     *
     * @param platformUserId {@code <platform>:<userId>} in the group's chats; null for an owner or admin in none
     * @param employeeId     null for a person the directory does not know
     */
    public record Member(String platformUserId, String employeeId) {

        /** How the member is told apart in a notice's acknowledgements: their platform account, else the employee. */
        public String key() {
            return platformUserId != null ? platformUserId : AccountsLearned.EMPLOYEE + employeeId;
        }
    }

    private final EntityManager entities;
    private final PagedRosters rosters;

    public GroupReplica(EntityManager entities, PagedRosters rosters) {
        this.entities = entities;
        this.rosters = rosters;
    }

    /** Keeps a page of a large group's roster for the snapshot that lists it. */
    @Transactional
    public void stage(EventEnvelope<GroupRosterPage> page) {
        rosters.stage(page.data());
    }

    /**
     * Stores a snapshot unless one as new of the group is stored already; chats and roster are replaced with it,
     * the roster from the pages the snapshot lists for a large group.
     */
    @Transactional
    public void apply(EventEnvelope<GroupSnapshot> event) {
        GroupSnapshot snapshot = event.data();
        int stored = entities.createNativeQuery("""
                        INSERT INTO group_replica (group_id, name, status, owner_id, admins, policy, updated_at,
                                                   state_version)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), CAST(?6 AS jsonb), ?7, ?8)
                        ON CONFLICT (group_id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status,
                            owner_id = EXCLUDED.owner_id, admins = EXCLUDED.admins, policy = EXCLUDED.policy,
                            updated_at = EXCLUDED.updated_at, state_version = EXCLUDED.state_version
                        WHERE group_replica.state_version < EXCLUDED.state_version
                           OR (EXCLUDED.state_version = 0 AND group_replica.state_version = 0
                               AND group_replica.updated_at <= EXCLUDED.updated_at)""")
                .setParameter(1, snapshot.groupId()).setParameter(2, snapshot.name())
                .setParameter(3, snapshot.status()).setParameter(4, snapshot.ownerId())
                .setParameter(5, json(EventJson.MAPPER.valueToTree(snapshot.admins())))
                .setParameter(6, json(snapshot.policy() == null ? EventJson.MAPPER.createObjectNode()
                        : snapshot.policy()))
                .setParameter(7, Timestamp.from(snapshot.updatedAt().toInstant()))
                .setParameter(8, snapshot.version()).executeUpdate();
        if (stored == 0) {
            return;
        }
        Optional<List<GroupSnapshot.Member>> roster = rosters.rosterOf(snapshot);
        entities.createNativeQuery("DELETE FROM group_replica_chat WHERE group_id = ?1")
                .setParameter(1, snapshot.groupId()).executeUpdate();
        for (String chat : snapshot.chats()) {
            entities.createNativeQuery("""
                            INSERT INTO group_replica_chat (chat_key, group_id) VALUES (?1, ?2)
                            ON CONFLICT (chat_key) DO UPDATE SET group_id = EXCLUDED.group_id""")
                    .setParameter(1, chat).setParameter(2, snapshot.groupId()).executeUpdate();
        }
        if (roster.isEmpty()) {
            return;
        }
        entities.createNativeQuery("DELETE FROM group_replica_member WHERE group_id = ?1")
                .setParameter(1, snapshot.groupId()).executeUpdate();
        for (GroupSnapshot.Member member : roster.get()) {
            entities.createNativeQuery("""
                            INSERT INTO group_replica_member (group_id, platform_user_id, employee_id, role)
                            VALUES (?1, ?2, ?3, ?4)""")
                    .setParameter(1, snapshot.groupId()).setParameter(2, member.platformUserId())
                    .setParameter(3, member.employeeId()).setParameter(4, member.role()).executeUpdate();
        }
    }

    /** The group with exactly this id (not a chat key). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Group> byId(String groupId) {
        return find(groupId).filter(found -> found.groupId().equals(groupId));
    }

    /** The group's chats, {@code <platform>:<chatId>}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> chatsOf(String groupId) {
        @SuppressWarnings("unchecked")
        List<String> chats = entities.createNativeQuery(
                        "SELECT chat_key FROM group_replica_chat WHERE group_id = ?1 ORDER BY chat_key")
                .setParameter(1, groupId).getResultList();
        return List.copyOf(chats);
    }

    /** The group with this id, or the group a chat key ({@code <platform>:<chatId>}) is bound to. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Group> find(String groupIdOrChat) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT g.group_id, g.name, g.owner_id, CAST(g.admins AS text), CAST(g.policy AS text)
                        FROM group_replica g
                        WHERE g.group_id = ?1
                           OR g.group_id = (SELECT c.group_id FROM group_replica_chat c WHERE c.chat_key = ?1)
                        ORDER BY (g.group_id = ?1) DESC LIMIT 1""")
                .setParameter(1, groupIdOrChat).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        String groupId = (String) row[0];
        List<String> admins = new ArrayList<>();
        parse((String) row[3]).forEach(admin -> admins.add(admin.asText()));
        return Optional.of(new Group(groupId, (String) row[1], (String) row[2], List.copyOf(admins),
                NoticePolicy.read(parse((String) row[4]))));
    }

    /** The group's members as its latest snapshot lists them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Member> members(String groupId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT platform_user_id, employee_id FROM group_replica_member
                        WHERE group_id = ?1 AND (platform_user_id IS NOT NULL OR employee_id IS NOT NULL)
                        ORDER BY platform_user_id, employee_id""")
                .setParameter(1, groupId).getResultList();
        return rows.stream().map(row -> new Member((String) row[0], (String) row[1])).toList();
    }

    /** The employee a platform user ({@code <platform>:<userId>}) of a group is: its roster says, else the directory. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String employeeOf(String groupId, PlatformKey user) {
        return employeeOf(groupId, user.platform(), user.id());
    }

    /** The employee a platform user of a group is: the group's roster says, else the directory. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String employeeOf(String groupId, Platform platform, String userId) {
        @SuppressWarnings("unchecked")
        List<String> found = entities.createNativeQuery("""
                        SELECT employee_id FROM group_replica_member
                        WHERE group_id = ?1 AND platform_user_id = ?2 AND employee_id IS NOT NULL LIMIT 1""")
                .setParameter(1, groupId).setParameter(2, platform.chatKey(userId)).getResultList();
        return found.stream().findFirst().or(() -> PersonAccount.employeeOf(platform.id(), userId)).orElse(null);
    }

    private static String json(JsonNode node) {
        try {
            return EventJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read", e);
        }
    }
}
