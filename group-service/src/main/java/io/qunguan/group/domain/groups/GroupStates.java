package io.qunguan.group.domain.groups;

import io.qunguan.eventing.Outbox;
import io.qunguan.events.EventEnvelope;
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
import java.util.List;

/**
 * Publishes each group's snapshot on the compacted {@code group.state} topic whenever the group or its type's
 * effective policy changes, in the transaction of the change, so the topic's latest record per group is always
 * what the database says.
 */
@ApplicationScoped
public class GroupStates {

    static final String SOURCE = "/group-service/groups";

    private final Catalogue catalogue;
    private final GroupPolicies policies;
    private final Outbox outbox;

    public GroupStates(Catalogue catalogue, GroupPolicies policies, Outbox outbox) {
        this.catalogue = catalogue;
        this.policies = policies;
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public GroupSnapshot publish(WorkGroup group) {
        EffectivePolicy type = catalogue.type(group.typeId).orElseThrow();
        GroupPolicy policy = policies.of(group);
        List<String> chats = GroupChat.ofGroup(group.id).stream()
                .filter(chat -> chat.boundAt != null && chat.dismissedAt == null).map(chat -> chat.chatKey).toList();
        List<GroupSnapshot.Member> members = group.status == WorkGroup.Status.ACTIVE
                ? GroupRoster.of(group).stream().map(entry -> new GroupSnapshot.Member(entry.employeeId(),
                        entry.platformUserId(), entry.departmentId(), entry.rank(), entry.role().name())).toList()
                : List.of();
        GroupSnapshot snapshot = new GroupSnapshot(group.id, group.name, group.typeId, group.status.name(),
                group.departmentId, group.projectId, group.ownerId, group.admins, chats, type.version(),
                PolicyDocuments.tree(policy), members, problems(group, policy, OffsetDateTime.now(ZoneOffset.UTC)),
                group.updatedAt);
        outbox.add(EventEnvelope.fresh(SOURCE, snapshot));
        return snapshot;
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
