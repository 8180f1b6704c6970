package io.qunguan.group.domain.groups;

import io.qunguan.group.domain.catalogue.Catalogue;
import io.qunguan.group.domain.catalogue.Catalogue.EffectivePolicy;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.catalogue.PolicyDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policy a group lives by (GL-7): its type's effective policy with the group's own overrides, where allowed.
 * Merged policies are kept per type version and overrides: the merge writes, re-reads and re-checks the whole
 * document, and a group's policy is asked for on every visibility check and membership event.
 */
@ApplicationScoped
public class GroupPolicies {

    /** Beyond this many merged policies the cache starts over, rather than grow with every version and override. */
    static final int MERGED_LIMIT = 1000;

    private record Merge(String typeId, int version, Map<String, Object> overrides) {
    }

    private final Catalogue catalogue;
    private final Map<Merge, GroupPolicy> merged = new ConcurrentHashMap<>();

    public GroupPolicies(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public GroupPolicy of(WorkGroup group) {
        EffectivePolicy type = catalogue.type(group.typeId).orElseThrow();
        if (group.policyOverrides.isEmpty()) {
            return type.policy();
        }
        if (merged.size() >= MERGED_LIMIT) {
            merged.clear();
        }
        return merged.computeIfAbsent(new Merge(type.typeId(), type.version(), new TreeMap<>(group.policyOverrides)),
                key -> PolicyDocuments.withStoredOverrides(type.policy(), key.overrides()));
    }

    /** The type's policy, without the group's overrides. */
    public GroupPolicy ofType(WorkGroup group) {
        return catalogue.type(group.typeId).orElseThrow().policy();
    }
}
