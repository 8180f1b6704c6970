package io.qunguan.group.domain.groups;

import io.qunguan.eventing.Outbox;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.group.domain.catalogue.Catalogue;
import io.qunguan.group.domain.catalogue.Catalogue.EffectivePolicy;
import io.qunguan.group.domain.catalogue.PolicyDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    private final Outbox outbox;

    public GroupStates(Catalogue catalogue, Outbox outbox) {
        this.catalogue = catalogue;
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public GroupSnapshot publish(WorkGroup group) {
        EffectivePolicy type = catalogue.type(group.typeId).orElseThrow();
        GroupSnapshot snapshot = new GroupSnapshot(group.id, group.name, group.typeId, group.status.name(),
                group.departmentId, group.projectId, group.ownerId, List.of(), List.of(), type.version(),
                PolicyDocuments.tree(type.policy()), List.of(), List.of(), group.updatedAt);
        outbox.add(EventEnvelope.fresh(SOURCE, snapshot));
        return snapshot;
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
