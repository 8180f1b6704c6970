package io.qunguan.reporting.domain.replica;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.DepartmentChanged;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * reporting-service's copies of what other services own: groups (type, department, chats, the archive retention of
 * their policy) from the compacted {@code group.state}, people, their platform accounts and the department tree from
 * {@code directory.events}. Each event carries the whole record: the newest wins, an older one arriving late is
 * ignored.
 */
@ApplicationScoped
public class Replicas {

    static final String DIRECTORY = "reporting-service:directory";

    /** A group as the archive and the assessment see it. */
    public record Group(String groupId, String name, String typeId, String departmentId, String ownerId,
            Integer retentionDays) {
    }

    private final EntityManager entities;
    private final ProcessedEvents processed;

    public Replicas(EntityManager entities, ProcessedEvents processed) {
        this.entities = entities;
        this.processed = processed;
    }

    /** Stores a snapshot unless one as new of the group is stored already; its chats are replaced with it. */
    @Transactional
    public void group(EventEnvelope<GroupSnapshot> event) {
        GroupSnapshot snapshot = event.data();
        JsonNode retention = snapshot.policy() == null ? null
                : snapshot.policy().path("records").path("retentionDays");
        JsonNode markers = snapshot.policy() == null ? null
                : snapshot.policy().path("moderation").path("marketing").path("markers");
        int stored = entities.createNativeQuery("""
                        INSERT INTO group_replica (group_id, name, type_id, status, department_id, owner_id,
                                                   retention_days, state_version, updated_at, problems,
                                                   marketing_markers)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CAST(?10 AS jsonb), CAST(?11 AS jsonb))
                        ON CONFLICT (group_id) DO UPDATE SET name = EXCLUDED.name, type_id = EXCLUDED.type_id,
                            status = EXCLUDED.status, department_id = EXCLUDED.department_id,
                            owner_id = EXCLUDED.owner_id, retention_days = EXCLUDED.retention_days,
                            problems = EXCLUDED.problems, marketing_markers = EXCLUDED.marketing_markers,
                            state_version = EXCLUDED.state_version, updated_at = EXCLUDED.updated_at
                        WHERE group_replica.state_version < EXCLUDED.state_version
                           OR (EXCLUDED.state_version = 0 AND group_replica.state_version = 0
                               AND group_replica.updated_at <= EXCLUDED.updated_at)""")
                .setParameter(1, snapshot.groupId()).setParameter(2, snapshot.name())
                .setParameter(3, snapshot.typeId()).setParameter(4, snapshot.status())
                .setParameter(5, snapshot.departmentId()).setParameter(6, snapshot.ownerId())
                .setParameter(7, retention != null && retention.canConvertToInt() && retention.asInt() > 0
                        ? retention.asInt() : null)
                .setParameter(8, snapshot.version()).setParameter(9, at(snapshot.updatedAt()))
                .setParameter(10, EventJson.MAPPER.valueToTree(snapshot.problems()).toString())
                .setParameter(11, markers != null && markers.isArray() ? markers.toString() : null).executeUpdate();
        if (stored == 0) {
            return;
        }
        entities.createNativeQuery("DELETE FROM group_replica_chat WHERE group_id = ?1")
                .setParameter(1, snapshot.groupId()).executeUpdate();
        for (String chat : snapshot.chats()) {
            entities.createNativeQuery("""
                            INSERT INTO group_replica_chat (chat_key, group_id) VALUES (?1, ?2)
                            ON CONFLICT (chat_key) DO UPDATE SET group_id = EXCLUDED.group_id""")
                    .setParameter(1, chat).setParameter(2, snapshot.groupId()).executeUpdate();
        }
    }

    /** Applies a person's or a department's record from {@code directory.events}, once. */
    @Transactional
    public void directory(EventEnvelope<?> event) {
        if (!(event.data() instanceof EmployeeChanged) && !(event.data() instanceof DepartmentChanged)) {
            return;
        }
        if (!processed.firstTime(DIRECTORY, event.id())) {
            return;
        }
        switch (event.data()) {
            case EmployeeChanged person -> person(person);
            case DepartmentChanged department -> department(department);
            default -> {
            }
        }
    }

    private void person(EmployeeChanged change) {
        int stored = entities.createNativeQuery("""
                        INSERT INTO person (employee_id, real_name, department_id, active, changed_at, external)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                        ON CONFLICT (employee_id) DO UPDATE SET real_name = EXCLUDED.real_name,
                            department_id = EXCLUDED.department_id, active = EXCLUDED.active,
                            changed_at = EXCLUDED.changed_at, external = EXCLUDED.external
                        WHERE person.changed_at <= EXCLUDED.changed_at""")
                .setParameter(1, change.employeeId()).setParameter(2, change.realName())
                .setParameter(3, change.departmentId()).setParameter(4, change.active())
                .setParameter(5, at(change.changedAt())).setParameter(6, change.external()).executeUpdate();
        if (stored == 0) {
            return;
        }
        entities.createNativeQuery("DELETE FROM person_account WHERE employee_id = ?1")
                .setParameter(1, change.employeeId()).executeUpdate();
        change.platformAccounts().forEach((platform, userId) -> entities.createNativeQuery("""
                        INSERT INTO person_account (platform_user, employee_id) VALUES (?1, ?2)
                        ON CONFLICT (platform_user) DO UPDATE SET employee_id = EXCLUDED.employee_id""")
                // an account the directory moved to this person is no longer the previous holder's
                .setParameter(1, platform + ":" + userId).setParameter(2, change.employeeId()).executeUpdate());
    }

    private void department(DepartmentChanged change) {
        entities.createNativeQuery("""
                        INSERT INTO department (department_id, name, parent_id, head_id, active, changed_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                        ON CONFLICT (department_id) DO UPDATE SET name = EXCLUDED.name,
                            parent_id = EXCLUDED.parent_id, head_id = EXCLUDED.head_id, active = EXCLUDED.active,
                            changed_at = EXCLUDED.changed_at
                        WHERE department.changed_at <= EXCLUDED.changed_at""")
                .setParameter(1, change.departmentId()).setParameter(2, change.name())
                .setParameter(3, change.parentId()).setParameter(4, change.headId())
                .setParameter(5, change.active()).setParameter(6, at(change.changedAt())).executeUpdate();
    }

    /** The group a chat ({@code <platform>:<chatId>}) or a group id names, if known. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Group> groupOf(String chatKeyOrGroupId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT g.group_id, g.name, g.type_id, g.department_id, g.owner_id, g.retention_days
                        FROM group_replica g
                        WHERE g.group_id = ?1
                           OR g.group_id = (SELECT c.group_id FROM group_replica_chat c WHERE c.chat_key = ?1)
                        ORDER BY g.group_id = ?1 DESC LIMIT 1""")
                .setParameter(1, chatKeyOrGroupId).getResultList();
        return rows.stream().findFirst().map(row -> new Group((String) row[0], (String) row[1], (String) row[2],
                (String) row[3], (String) row[4], row[5] == null ? null : ((Number) row[5]).intValue()));
    }

    /** The chats bound to a group, {@code <platform>:<chatId>}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> chatsOf(String groupId) {
        @SuppressWarnings("unchecked")
        List<String> chats = entities.createNativeQuery(
                        "SELECT chat_key FROM group_replica_chat WHERE group_id = ?1 ORDER BY chat_key")
                .setParameter(1, groupId).getResultList();
        return List.copyOf(chats);
    }

    /** A person's platform accounts, {@code <platform>:<userId>}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> accountsOf(String employeeId) {
        @SuppressWarnings("unchecked")
        List<String> accounts = entities.createNativeQuery(
                        "SELECT platform_user FROM person_account WHERE employee_id = ?1 ORDER BY platform_user")
                .setParameter(1, employeeId).getResultList();
        return List.copyOf(accounts);
    }

    private static OffsetDateTime at(OffsetDateTime changedAt) {
        return changedAt != null ? changedAt : OffsetDateTime.now(ZoneOffset.UTC);
    }
}
