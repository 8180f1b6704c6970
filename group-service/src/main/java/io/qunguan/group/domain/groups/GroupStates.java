package io.qunguan.group.domain.groups;

import io.qunguan.eventing.Outbox;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.GroupRosterPage;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.group.domain.catalogue.Catalogue;
import io.qunguan.group.domain.catalogue.Catalogue.EffectivePolicy;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.catalogue.PolicyDocuments;
import io.qunguan.group.domain.directory.Employee;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes each group's snapshot on the compacted {@code group.state} topic whenever the group or its type's
 * effective policy changes, in the transaction of the change, so the topic's latest record per group is always
 * what the database says. Snapshots are counted, and a large roster travels in pages (bounded records).
 */
@ApplicationScoped
public class GroupStates {

    static final String SOURCE = "/group-service/groups";

    private final Catalogue catalogue;
    private final GroupPolicies policies;
    private final Outbox outbox;
    private final int rosterInline;
    private final int rosterPage;

    public GroupStates(Catalogue catalogue, GroupPolicies policies, Outbox outbox,
            @ConfigProperty(name = "qunguan.groups.roster-inline-members", defaultValue = "1000") int rosterInline,
            @ConfigProperty(name = "qunguan.groups.roster-page-members", defaultValue = "1000") int rosterPage) {
        this.catalogue = catalogue;
        this.policies = policies;
        this.outbox = outbox;
        this.rosterInline = rosterInline;
        this.rosterPage = rosterPage;
    }

    /**
     * Publishes the group's snapshot with the next version. A roster longer than {@code rosterInline} goes in pages
     * of about {@code rosterPage} members, each published (before the snapshot, in the group's partition) only when
     * its content changed since it was last published.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public GroupSnapshot publish(WorkGroup group) {
        // counted in the database: the row lock orders concurrent publishers, and their snapshots, by commit
        long version = ((Number) WorkGroup.getEntityManager().createNativeQuery(
                        "UPDATE work_group SET state_version = state_version + 1 WHERE id = ?1 RETURNING state_version")
                .setParameter(1, group.id).getSingleResult()).longValue();
        EffectivePolicy type = catalogue.type(group.typeId).orElseThrow();
        GroupPolicy policy = policies.of(group);
        List<String> chats = GroupChat.ofGroup(group.id).stream()
                .filter(chat -> chat.boundAt != null && chat.dismissedAt == null).map(chat -> chat.chatKey).toList();
        List<GroupSnapshot.Member> members = group.status == WorkGroup.Status.ACTIVE
                ? GroupRoster.of(group).stream().map(entry -> new GroupSnapshot.Member(entry.employeeId(),
                        entry.platformUserId(), entry.departmentId(), entry.rank(), entry.role().name())).toList()
                : List.of();
        GroupSnapshot.PagedRoster paged = members.size() > rosterInline ? publishPages(group.id, members) : null;
        if (paged == null) {
            WorkGroup.getEntityManager().createNativeQuery("DELETE FROM roster_page_published WHERE group_id = ?1")
                    .setParameter(1, group.id).executeUpdate();
        }
        GroupSnapshot snapshot = new GroupSnapshot(group.id, group.name, group.typeId, group.status.name(),
                group.departmentId, group.projectId, group.ownerId, group.admins, chats, type.version(),
                PolicyDocuments.tree(policy), paged == null ? members : List.of(),
                problems(group, policy, OffsetDateTime.now(ZoneOffset.UTC)), group.updatedAt, version, paged);
        outbox.add(EventEnvelope.fresh(SOURCE, snapshot));
        return snapshot;
    }

    /** Publishes the pages whose content changed; returns what the snapshot lists. */
    private GroupSnapshot.PagedRoster publishPages(String groupId, List<GroupSnapshot.Member> members) {
        List<List<GroupSnapshot.Member>> pages = RosterPaging.pages(members, rosterPage);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = WorkGroup.getEntityManager().createNativeQuery(
                        "SELECT page, digest FROM roster_page_published WHERE group_id = ?1")
                .setParameter(1, groupId).getResultList();
        Map<Integer, String> published = new HashMap<>();
        rows.forEach(row -> published.put(((Number) row[0]).intValue(), (String) row[1]));
        List<String> digests = new ArrayList<>(pages.size());
        for (int page = 0; page < pages.size(); page++) {
            String digest = RosterPaging.digest(pages.size(), pages.get(page));
            digests.add(digest);
            if (digest.equals(published.get(page))) {
                continue;
            }
            outbox.add(EventEnvelope.fresh(SOURCE, new GroupRosterPage(groupId, page, digest, pages.get(page))));
            WorkGroup.getEntityManager().createNativeQuery("""
                            INSERT INTO roster_page_published (group_id, page, digest) VALUES (?1, ?2, ?3)
                            ON CONFLICT (group_id, page) DO UPDATE SET digest = EXCLUDED.digest""")
                    .setParameter(1, groupId).setParameter(2, page).setParameter(3, digest).executeUpdate();
        }
        WorkGroup.getEntityManager().createNativeQuery(
                        "DELETE FROM roster_page_published WHERE group_id = ?1 AND page >= ?2")
                .setParameter(1, groupId).setParameter(2, pages.size()).executeUpdate();
        return new GroupSnapshot.PagedRoster(members.size(), digests);
    }

    /**
     * Why an active group is non-compliant now: its name breaks the naming rule (GL-4, e.g. after a rename on the
     * platform), its owner is no longer an active employee (GL-5), its announcement is overdue (GL-6).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> problems(WorkGroup group, GroupPolicy policy, OffsetDateTime now) {
        List<String> problems = new ArrayList<>();
        if (group.status != WorkGroup.Status.ACTIVE) {
            return problems;
        }
        GroupNaming.problems(group.name, policy.naming(), NamingDirectory.on(now.atZoneSameInstant(
                        GroupLifecycle.COMPANY_ZONE).toLocalDate()), group.departmentId, group.projectId)
                .forEach(problem -> problems.add("GL-4: " + problem));
        if (Employee.<Employee>findByIdOptional(group.ownerId).filter(owner -> owner.active).isEmpty()) {
            problems.add("GL-5: the owner " + group.ownerId + " is not an active employee");
        }
        if (group.announcementDueAt != null && now.isAfter(group.announcementDueAt)
                && Announcement.findById(group.id) == null) {
            problems.add("GL-6: no announcement, due " + group.announcementDueAt);
        }
        return problems;
    }

    /** A type's new policy is every one of its groups' new effective policy. */
    @Transactional(Transactional.TxType.MANDATORY)
    void policyApproved(@Observes Catalogue.PolicyApproved approved) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        WorkGroup.<WorkGroup>list("typeId = ?1 and status <> ?2", approved.typeId(), WorkGroup.Status.DISSOLVED)
                .forEach(group -> {
                    group.updatedAt = now;
                    publish(group);
                });
    }
}
