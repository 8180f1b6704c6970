package io.qunguan.moderation.domain.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.eventing.PagedRosters;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupRosterPage;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.ViolationOpened.AppliedPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import io.qunguan.events.Platform;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * moderation-service's replica of {@code group.state}: each registered group's effective policy and roster, as
 * group-service last published them. A message is judged by its group's policy (GL-7: the type's version with the
 * group's overrides); a chat no group holds by the company default, and its violations say so.
 */
@ApplicationScoped
public class GroupPolicies {

    /** The policy a message or breach is judged by, and who the group's members are. */
    public record Applicable(String groupId, AppliedPolicy applied, ModerationPolicy policy) {
    }

    private final EntityManager entities;
    private final CompanyDefaultPolicy companyDefault;
    private final PagedRosters rosters;

    public GroupPolicies(EntityManager entities, CompanyDefaultPolicy companyDefault, PagedRosters rosters) {
        this.entities = entities;
        this.companyDefault = companyDefault;
        this.rosters = rosters;
    }

    /** Keeps a page of a large group's roster for the snapshot that lists it. */
    @Transactional
    public void stage(EventEnvelope<GroupRosterPage> page) {
        rosters.stage(page.data());
    }

    /**
     * Stores a snapshot unless one as new of the group is already stored (a compacted topic replayed, a snapshot
     * redelivered): the roster is replaced with the policy, from the pages the snapshot lists for a large group.
     *
     * @throws EventJson.MalformedEventException when the snapshot's policy cannot be applied; the previous one stays
     */
    @Transactional
    public void apply(EventEnvelope<GroupSnapshot> event) {
        GroupSnapshot snapshot = event.data();
        JsonNode moderation = snapshot.policy() == null ? null : snapshot.policy().get("moderation");
        try {
            ModerationPolicy.read(moderation);
        } catch (IllegalArgumentException e) {
            throw new EventJson.MalformedEventException("group " + snapshot.groupId() + ": " + e.getMessage());
        }
        int stored = entities.createNativeQuery("""
                        INSERT INTO group_policy (group_id, type_id, status, policy_version, moderation, updated_at,
                                                  state_version)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6, ?7)
                        ON CONFLICT (group_id) DO UPDATE SET type_id = EXCLUDED.type_id, status = EXCLUDED.status,
                            policy_version = EXCLUDED.policy_version, moderation = EXCLUDED.moderation,
                            updated_at = EXCLUDED.updated_at, state_version = EXCLUDED.state_version
                        WHERE group_policy.state_version < EXCLUDED.state_version
                           OR (EXCLUDED.state_version = 0 AND group_policy.state_version = 0
                               AND group_policy.updated_at <= EXCLUDED.updated_at)""")
                .setParameter(1, snapshot.groupId()).setParameter(2, snapshot.typeId())
                .setParameter(3, snapshot.status()).setParameter(4, snapshot.policyVersion())
                .setParameter(5, json(moderation)).setParameter(6, Timestamp.from(snapshot.updatedAt().toInstant()))
                .setParameter(7, snapshot.version()).executeUpdate();
        if (stored == 0) {
            return;
        }
        Optional<List<GroupSnapshot.Member>> roster = rosters.rosterOf(snapshot);
        entities.createNativeQuery("DELETE FROM group_chat WHERE group_id = ?1").setParameter(1, snapshot.groupId())
                .executeUpdate();
        for (String chat : snapshot.chats()) {
            entities.createNativeQuery("""
                            INSERT INTO group_chat (chat_key, group_id) VALUES (?1, ?2)
                            ON CONFLICT (chat_key) DO UPDATE SET group_id = EXCLUDED.group_id""")
                    .setParameter(1, chat).setParameter(2, snapshot.groupId()).executeUpdate();
        }
        if (roster.isEmpty()) {
            return;
        }
        entities.createNativeQuery("DELETE FROM group_member WHERE group_id = ?1").setParameter(1, snapshot.groupId())
                .executeUpdate();
        for (GroupSnapshot.Member member : roster.get()) {
            entities.createNativeQuery("""
                            INSERT INTO group_member (group_id, platform_user_id, employee_id, department_id, rank, role)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                    .setParameter(1, snapshot.groupId()).setParameter(2, member.platformUserId())
                    .setParameter(3, member.employeeId()).setParameter(4, member.departmentId())
                    .setParameter(5, member.rank()).setParameter(6, member.role()).executeUpdate();
        }
    }

    /**
     * The policy for a message or breach keyed {@code groupId}: the registered group's, found by its id or by a chat
     * key ({@code <platform>:<chatId>}) group-service has bound to it since; else the company default.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Applicable applicableTo(String groupId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT p.group_id, p.type_id, p.policy_version, CAST(p.moderation AS text) FROM group_policy p
                        WHERE p.group_id = ?1
                           OR p.group_id = (SELECT c.group_id FROM group_chat c WHERE c.chat_key = ?1)
                        ORDER BY (p.group_id = ?1) DESC LIMIT 1""")
                .setParameter(1, groupId).getResultList();
        if (rows.isEmpty()) {
            return new Applicable(groupId, AppliedPolicy.COMPANY_DEFAULT, companyDefault.policy());
        }
        Object[] row = rows.get(0);
        return new Applicable((String) row[0], new AppliedPolicy((String) row[1], ((Number) row[2]).intValue(), false),
                ModerationPolicy.read(parse((String) row[3])));
    }

    /**
     * What a person reading the replica sees of a group: its policy as moderation-service applies it now, and when
     * group-service published it.
     */
    public record Described(String groupId, String typeId, String status, int version, boolean companyDefault,
            JsonNode moderation, OffsetDateTime updatedAt) {
    }

    /**
     * The policy moderation-service applies to {@code groupId} (a group id or a chat key): the group's, else the
     * company default for a chat key no group holds; empty for a group id the replica does not know.
     */
    @Transactional
    public Optional<Described> describe(String groupId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT p.group_id, p.type_id, p.status, p.policy_version, CAST(p.moderation AS text),
                               p.updated_at
                        FROM group_policy p
                        WHERE p.group_id = ?1
                           OR p.group_id = (SELECT c.group_id FROM group_chat c WHERE c.chat_key = ?1)
                        ORDER BY (p.group_id = ?1) DESC LIMIT 1""")
                .setParameter(1, groupId).getResultList();
        if (!rows.isEmpty()) {
            Object[] row = rows.get(0);
            return Optional.of(new Described((String) row[0], (String) row[1], (String) row[2],
                    ((Number) row[3]).intValue(), false, parse((String) row[4]),
                    ((Instant) row[5]).atOffset(ZoneOffset.UTC)));
        }
        int colon = groupId.indexOf(':');
        if (colon > 0 && Platform.find(groupId.substring(0, colon)).isPresent()) {
            return Optional.of(new Described(groupId, null, null, 0, true, companyDefault.document(), null));
        }
        return Optional.empty();
    }

    /** The directory's employee id of a platform user ({@code <platform>:<userId>}) in the group, when known. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> employeeOf(String groupId, String platformUserId) {
        @SuppressWarnings("unchecked")
        List<String> found = entities.createNativeQuery("""
                        SELECT employee_id FROM group_member
                        WHERE group_id = ?1 AND platform_user_id = ?2 AND employee_id IS NOT NULL LIMIT 1""")
                .setParameter(1, groupId).setParameter(2, platformUserId).getResultList();
        return found.stream().findFirst();
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
            throw new IllegalStateException("stored policy is not JSON", e);
        }
    }
}
