package io.qunguan.group.domain.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.panache.common.Sort;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.AuditEntry;
import io.qunguan.group.domain.Refusal;
import io.qunguan.group.domain.catalogue.PolicyVersion.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The catalogue of group types (GL-7) and the life of their policies (SV-9): HR proposes a version with a reason;
 * a second person acting as HR approves or rejects it with a reason; only an approved version takes effect.
 * Every step is in the audit log, and an approval is fired as {@link PolicyApproved} in its transaction so the
 * groups of that type publish their new effective policy.
 */
@ApplicationScoped
public class Catalogue {

    private static final Pattern TYPE_ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

    /** A policy version took effect. */
    public record PolicyApproved(String typeId, int version) {
    }

    /** A type with its effective policy. */
    public record EffectivePolicy(String typeId, String name, String description, int version, GroupPolicy policy) {
    }

    /** A version as the API shows it. */
    public record VersionView(String typeId, int version, String typeName, String description, JsonNode policy,
            Status status, String proposedBy, OffsetDateTime proposedAt, String reason, String decidedBy,
            OffsetDateTime decidedAt, String decisionReason) {

        static VersionView of(PolicyVersion version) {
            return new VersionView(version.key.typeId(), version.key.version(), version.typeName,
                    version.description, PolicyDocuments.parse(version.document), version.status,
                    version.proposedBy, version.proposedAt, version.reason, version.decidedBy, version.decidedAt,
                    version.decisionReason);
        }
    }

    private final Event<PolicyApproved> approvals;
    /** Parsed policies by version: a version's document never changes once written, so it is read once. */
    private final Map<PolicyVersion.Key, GroupPolicy> parsed = new ConcurrentHashMap<>();

    public Catalogue(Event<PolicyApproved> approvals) {
        this.approvals = approvals;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EffectivePolicy> types() {
        return GroupType.<GroupType>listAll(Sort.by("id")).stream().map(this::effective).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EffectivePolicy> type(String typeId) {
        return GroupType.<GroupType>findByIdOptional(typeId).map(this::effective);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<VersionView> versions(String typeId) {
        return PolicyVersion.of(typeId).stream().map(VersionView::of).toList();
    }

    /**
     * Proposes a new policy version for a type, new or existing. A type has at most one open proposal.
     *
     * @throws Refusal INVALID for a bad document or id, CONFLICT when a proposal is already open
     */
    @Transactional
    public VersionView propose(String typeId, String name, String description, JsonNode document, String reason,
            Actor actor) {
        if (typeId == null || !TYPE_ID.matcher(typeId).matches()) {
            throw Refusal.invalid("type id must be 2 to 40 lower-case letters, digits or '-', starting with a letter");
        }
        requireReason(reason);
        GroupPolicy policy = PolicyDocuments.read(document);
        GroupType type = GroupType.findById(typeId);
        String typeName = name != null && !name.isBlank() ? name.strip() : type != null ? type.name : null;
        if (typeName == null) {
            throw Refusal.invalid("name is required for a new group type");
        }
        if (PolicyVersion.open(typeId).isPresent()) {
            throw Refusal.conflict("type " + typeId + " already has an open proposal; decide it first");
        }
        PolicyVersion version = new PolicyVersion();
        version.key = new PolicyVersion.Key(typeId, PolicyVersion.latestVersion(typeId) + 1);
        version.typeName = typeName;
        version.description = description != null ? description : type != null ? type.description : null;
        version.document = PolicyDocuments.write(policy);
        version.status = Status.PROPOSED;
        version.proposedBy = actor.id();
        version.proposedAt = OffsetDateTime.now(ZoneOffset.UTC);
        version.reason = reason.strip();
        version.persist();
        AuditEntry.record(actor, "policy.propose", "group-type", typeId, version.reason,
                "version " + version.key.version());
        return VersionView.of(version);
    }

    /**
     * Approves a proposed version, which takes effect at once. The proposer cannot approve their own proposal.
     *
     * @throws Refusal CONFLICT when the version is not open, FORBIDDEN for the proposer
     */
    @Transactional
    public Optional<VersionView> approve(String typeId, int number, String reason, Actor actor) {
        return decide(typeId, number, reason, actor, Status.APPROVED);
    }

    /** Rejects a proposed version; the effective policy stays as it is. */
    @Transactional
    public Optional<VersionView> reject(String typeId, int number, String reason, Actor actor) {
        return decide(typeId, number, reason, actor, Status.REJECTED);
    }

    /**
     * Writes a type's first version as already approved, for the default catalogue; does nothing for a type that
     * already has versions. Returns whether it wrote.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean seed(String typeId, String name, String description, GroupPolicy policy, String reason) {
        if (PolicyVersion.latestVersion(typeId) > 0) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        PolicyVersion version = new PolicyVersion();
        version.key = new PolicyVersion.Key(typeId, 1);
        version.typeName = name;
        version.description = description;
        version.document = PolicyDocuments.write(policy);
        version.status = Status.APPROVED;
        version.proposedBy = Actor.SYSTEM.id();
        version.proposedAt = now;
        version.reason = reason;
        version.decidedBy = Actor.SYSTEM.id();
        version.decidedAt = now;
        version.decisionReason = reason;
        version.persist();
        takeEffect(version);
        AuditEntry.record(Actor.SYSTEM, "policy.seed", "group-type", typeId, reason, "version 1");
        return true;
    }

    private Optional<VersionView> decide(String typeId, int number, String reason, Actor actor, Status decision) {
        requireReason(reason);
        PolicyVersion version = PolicyVersion.findById(new PolicyVersion.Key(typeId, number),
                LockModeType.PESSIMISTIC_WRITE);
        if (version == null) {
            return Optional.empty();
        }
        if (version.status != Status.PROPOSED) {
            throw Refusal.conflict("version " + number + " of " + typeId + " is already " + version.status);
        }
        if (version.proposedBy.equals(actor.id())) {
            throw Refusal.forbidden("a policy change is decided by a second person, not by its proposer (SV-9)");
        }
        version.status = decision;
        version.decidedBy = actor.id();
        version.decidedAt = OffsetDateTime.now(ZoneOffset.UTC);
        version.decisionReason = reason.strip();
        if (decision == Status.APPROVED) {
            takeEffect(version);
        }
        AuditEntry.record(actor, decision == Status.APPROVED ? "policy.approve" : "policy.reject", "group-type",
                typeId, version.decisionReason, "version " + number);
        return Optional.of(VersionView.of(version));
    }

    private void takeEffect(PolicyVersion version) {
        GroupType type = GroupType.findById(version.key.typeId());
        if (type == null) {
            type = new GroupType();
            type.id = version.key.typeId();
        }
        type.name = version.typeName;
        type.description = version.description;
        type.effectiveVersion = version.key.version();
        type.updatedAt = version.decidedAt;
        type.persist();
        approvals.fire(new PolicyApproved(type.id, type.effectiveVersion));
    }

    private EffectivePolicy effective(GroupType type) {
        PolicyVersion.Key key = new PolicyVersion.Key(type.id, type.effectiveVersion);
        GroupPolicy policy = parsed.computeIfAbsent(key,
                k -> PolicyDocuments.read(PolicyVersion.<PolicyVersion>findById(k).document));
        return new EffectivePolicy(type.id, type.name, type.description, type.effectiveVersion, policy);
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("a reason is required");
        }
    }
}
