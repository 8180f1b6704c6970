package io.qunguan.group.domain.groups;

import io.qunguan.group.domain.catalogue.Catalogue;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.catalogue.PolicyDocuments;
import jakarta.enterprise.context.ApplicationScoped;

/** The policy a group lives by (GL-7): its type's effective policy with the group's own overrides, where allowed. */
@ApplicationScoped
public class GroupPolicies {

    private final Catalogue catalogue;

    public GroupPolicies(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public GroupPolicy of(WorkGroup group) {
        GroupPolicy type = catalogue.type(group.typeId).orElseThrow().policy();
        return group.policyOverrides == null || group.policyOverrides.isEmpty() ? type
                : PolicyDocuments.withStoredOverrides(type, group.policyOverrides);
    }
}
