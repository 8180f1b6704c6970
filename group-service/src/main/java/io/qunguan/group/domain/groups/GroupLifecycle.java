package io.qunguan.group.domain.groups;

import io.qunguan.eventing.Outbox;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.GroupApprovalDecided;
import io.qunguan.events.GroupRequested;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.AuditEntry;
import io.qunguan.group.domain.Refusal;
import io.qunguan.group.domain.catalogue.Catalogue;
import io.qunguan.group.domain.catalogue.Catalogue.EffectivePolicy;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.catalogue.GroupPolicy.ApprovalStep;
import io.qunguan.group.domain.directory.Department;
import io.qunguan.group.domain.directory.Employee;
import io.qunguan.group.domain.directory.Project;
import io.qunguan.group.domain.groups.WorkGroup.Duplicate;
import io.qunguan.group.domain.groups.WorkGroup.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A group's way into existence: the request (GL-1) with its name checked against the directory (GL-4) and its
 * resemblance to live groups flagged (GL-3), then the type's approval chain (GL-2), step by step with reasons,
 * rejection and resubmission. Each change is published on {@code group.events} and the group's snapshot on
 * {@code group.state}, through the outbox, and written to the audit log.
 */
@ApplicationScoped
public class GroupLifecycle {

    static final ZoneId COMPANY_ZONE = ZoneId.of("Asia/Shanghai");
    static final int PURPOSE_LIMIT = 500;

    /** What a requester asks for. Department and project may be left out when the name's prefix names them. */
    public record GroupRequest(String typeId, String name, String departmentId, String projectId, String purpose,
            String ownerId, List<String> intendedMembers, LocalDate endsOn) {
    }

    /** Fired in the transaction that completes a group's approval chain. */
    public record Approved(String groupId) {
    }

    private final Catalogue catalogue;
    private final GroupPolicies policies;
    private final Outbox outbox;
    private final GroupStates states;
    private final Event<Approved> approvals;

    public GroupLifecycle(Catalogue catalogue, GroupPolicies policies, Outbox outbox, GroupStates states,
            Event<Approved> approvals) {
        this.catalogue = catalogue;
        this.policies = policies;
        this.outbox = outbox;
        this.states = states;
        this.approvals = approvals;
    }

    /**
     * Records a request. Steps the requester would decide themself (they head the department, or are the named
     * approver) are approved on the spot, as asking is their decision; a type without a chain is approved at once.
     *
     * @throws Refusal INVALID listing every problem of the request
     */
    @Transactional
    public GroupView request(GroupRequest request, Actor actor) {
        WorkGroup group = new WorkGroup();
        group.id = "g-" + UUID.randomUUID();
        group.requestedBy = actor.id();
        group.round = 1;
        group.status = Status.REQUESTED;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        group.requestedAt = now;
        apply(group, request, now);
        group.persist();
        AuditEntry.record(actor, "group.request", "group", group.id, group.purpose, group.name);
        return submitted(group, actor, now);
    }

    /** Requests a rejected group again, as changed by its requester or owner; a new round of approval starts. */
    @Transactional
    public Optional<GroupView> resubmit(String groupId, GroupRequest request, Actor actor) {
        Optional<WorkGroup> found = lockedVisible(groupId, actor);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WorkGroup group = found.get();
        if (!actor.id().equals(group.requestedBy) && !actor.id().equals(group.ownerId)) {
            throw Refusal.forbidden("only the requester or the owner resubmits a request");
        }
        if (group.status != Status.REJECTED) {
            throw Refusal.conflict("group " + groupId + " is " + group.status
                    + "; only a rejected request is resubmitted");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        group.round++;
        apply(group, request, now);
        AuditEntry.record(actor, "group.resubmit", "group", group.id, group.purpose, "round " + group.round);
        return Optional.of(submitted(group, actor, now));
    }

    /**
     * Decides the pending step of a group's approval chain.
     *
     * @throws Refusal FORBIDDEN when the caller is not this step's approver, CONFLICT when nothing is pending
     */
    @Transactional
    public Optional<GroupView> decide(String groupId, boolean approve, String reason, Actor actor) {
        Optional<WorkGroup> found = lockedVisible(groupId, actor);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WorkGroup group = found.get();
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("a reason is required");
        }
        if (group.status != Status.REQUESTED) {
            throw Refusal.conflict("group " + groupId + " is " + group.status + "; nothing awaits a decision");
        }
        List<ApprovalStep> chain = policies.of(group).approvalChain();
        if (group.nextStep >= chain.size()) {
            throw Refusal.conflict("the type's approval chain changed and has no step " + (group.nextStep + 1)
                    + " left; HR resubmits the request");
        }
        ApprovalStep step = chain.get(group.nextStep);
        if (actor.id().equals(group.requestedBy)) {
            throw Refusal.forbidden("a requester does not decide their own request");
        }
        if (!mayDecide(step, group, actor)) {
            throw Refusal.forbidden("step " + (group.nextStep + 1) + " (" + step.label() + ") is decided by "
                    + approverText(step));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        record(group, chain, actor.id(), approve, reason.strip(), now);
        AuditEntry.record(actor, approve ? "group.approve" : "group.reject", "group", group.id, reason.strip(),
                "round " + group.round + " step " + (group.nextStep + 1));
        if (approve) {
            group.nextStep++;
            autoApprove(group, chain, now);
        } else {
            group.status = Status.REJECTED;
        }
        group.updatedAt = now;
        states.publish(group);
        return Optional.of(view(group));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<GroupView> find(String groupId, Actor actor) {
        return WorkGroup.<WorkGroup>findByIdOptional(groupId).filter(group -> visible(group, actor))
                .map(this::view);
    }

    /** The groups the caller may see, newest first; {@code status} filters when given. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GroupView> list(Actor actor, Status status) {
        String query;
        List<Object> parameters = new ArrayList<>();
        if (actor.overseesAll()) {
            query = "1 = 1";
        } else if (Actor.DEPT_HEAD.equals(actor.role()) && actor.departmentId() != null) {
            query = "(departmentId = ?1 or ownerId = ?2 or requestedBy = ?2)";
            parameters.add(actor.departmentId());
            parameters.add(actor.id());
        } else {
            query = "(ownerId = ?1 or requestedBy = ?1)";
            parameters.add(actor.id());
        }
        if (status != null) {
            parameters.add(status);
            query += " and status = ?" + parameters.size();
        }
        return WorkGroup.<WorkGroup>list(query + " order by requestedAt desc", parameters.toArray()).stream()
                .map(this::view).toList();
    }

    private boolean visible(WorkGroup group, Actor actor) {
        return GroupAccess.visible(group, actor, policies.of(group).approvalChain());
    }

    private Optional<WorkGroup> lockedVisible(String groupId, Actor actor) {
        return Optional.ofNullable(WorkGroup.<WorkGroup>findById(groupId, LockModeType.PESSIMISTIC_WRITE))
                .filter(group -> visible(group, actor));
    }

    private GroupView submitted(WorkGroup group, Actor actor, OffsetDateTime now) {
        GroupPolicy policy = policies.of(group);
        group.status = Status.REQUESTED;
        group.nextStep = 0;
        group.updatedAt = now;
        outbox.add(EventEnvelope.fresh(GroupStates.SOURCE, new GroupRequested(group.id, group.typeId, group.name,
                group.departmentId, group.projectId, group.purpose, group.ownerId, group.requestedBy,
                group.intendedMembers, group.endsOn, group.duplicates.stream()
                        .map(d -> new GroupRequested.DuplicateFlag(d.groupId(), d.name(), d.reason())).toList(),
                group.round, now)));
        autoApprove(group, policy.approvalChain(), now);
        states.publish(group);
        return view(group);
    }

    /** Approves the steps the requester decides themself, and completes the chain when no step is left. */
    private void autoApprove(WorkGroup group, List<ApprovalStep> chain, OffsetDateTime now) {
        while (group.nextStep < chain.size() && decidedByRequester(chain.get(group.nextStep), group)) {
            record(group, chain, group.requestedBy, true, "requested by the approver", now);
            group.nextStep++;
        }
        if (group.nextStep >= chain.size()) {
            group.status = Status.APPROVED;
            approvals.fire(new Approved(group.id));
        }
    }

    /** Records the decision of the pending step, {@code chain.get(group.nextStep)}. */
    private void record(WorkGroup group, List<ApprovalStep> chain, String decidedBy, boolean approved, String reason,
            OffsetDateTime now) {
        ApprovalStep step = chain.get(group.nextStep);
        GroupApproval approval = new GroupApproval();
        approval.key = new GroupApproval.Key(group.id, group.round, group.nextStep);
        approval.label = step.label();
        approval.decidedBy = decidedBy;
        approval.approved = approved;
        approval.reason = reason;
        approval.decidedAt = now;
        approval.persist();
        boolean complete = approved && group.nextStep == chain.size() - 1;
        outbox.add(EventEnvelope.fresh(GroupStates.SOURCE, new GroupApprovalDecided(group.id, group.round,
                group.nextStep, step.label(), decidedBy, approved, reason, complete, now)));
    }

    private static boolean decidedByRequester(ApprovalStep step, WorkGroup group) {
        return switch (step.approver()) {
            case PERSON -> group.requestedBy.equals(step.personId());
            case DEPARTMENT_HEAD -> Department.headedBy(group.departmentId, group.requestedBy);
            case HR -> false;
        };
    }

    private static boolean mayDecide(ApprovalStep step, WorkGroup group, Actor actor) {
        return switch (step.approver()) {
            case PERSON -> actor.id().equals(step.personId());
            case HR -> actor.isHr();
            case DEPARTMENT_HEAD -> GroupAccess.headsDepartmentOf(group, actor);
        };
    }

    private static String approverText(ApprovalStep step) {
        return switch (step.approver()) {
            case PERSON -> step.personId();
            case HR -> "HR";
            case DEPARTMENT_HEAD -> "the head of the group's department";
        };
    }

    /** Checks a request and writes it onto the group; refuses with every problem found. */
    private void apply(WorkGroup group, GroupRequest request, OffsetDateTime now) {
        List<String> problems = new ArrayList<>();
        if (request == null) {
            throw Refusal.invalid("a request {typeId, name, purpose, ownerId, …} is required");
        }
        Optional<EffectivePolicy> type = request.typeId() == null ? Optional.empty() : catalogue.type(request.typeId());
        if (type.isEmpty()) {
            throw Refusal.invalid("typeId " + request.typeId() + " is not a group type of the catalogue");
        }
        GroupPolicy policy = type.get().policy();
        String name = request.name() == null ? null : request.name().strip();
        String prefix = name != null && name.contains(GroupNaming.SEPARATOR)
                ? name.substring(0, name.indexOf(GroupNaming.SEPARATOR)).strip() : null;
        LocalDate today = LocalDate.now(COMPANY_ZONE);
        String departmentId = request.departmentId();
        if (departmentId == null && prefix != null) {
            departmentId = Department.activeNamed(prefix).map(department -> department.id).orElse(null);
        } else if (departmentId != null && Department.<Department>findByIdOptional(departmentId)
                .filter(department -> department.active).isEmpty()) {
            problems.add("departmentId " + departmentId + " is not an active department");
        }
        String projectId = request.projectId();
        if (projectId == null && prefix != null) {
            projectId = Project.activeNamed(prefix, today).map(project -> project.id).orElse(null);
        } else if (projectId != null && Project.<Project>findByIdOptional(projectId)
                .filter(project -> project.activeOn(today)).isEmpty()) {
            problems.add("projectId " + projectId + " is not an active project");
        }
        if (projectId != null && departmentId == null) {
            departmentId = Project.<Project>findByIdOptional(projectId).map(project -> project.departmentId)
                    .orElse(null);
        }
        problems.addAll(GroupNaming.problems(name, policy.naming(), NamingDirectory.on(today), request.departmentId(),
                request.projectId()));
        if (request.purpose() == null || request.purpose().isBlank()) {
            problems.add("purpose is required: which work need the group serves (GL-1)");
        } else if (request.purpose().length() > PURPOSE_LIMIT) {
            problems.add("purpose is longer than " + PURPOSE_LIMIT + " characters");
        }
        if (request.ownerId() == null) {
            problems.add("ownerId is required (GL-5)");
        } else {
            Employee owner = Employee.findById(request.ownerId());
            if (owner == null || !owner.active || owner.external) {
                problems.add("ownerId " + request.ownerId() + " is not an active employee");
            }
        }
        Set<String> intended = new LinkedHashSet<>(request.intendedMembers() == null ? List.of()
                : request.intendedMembers());
        List<String> unknown = intended.stream().filter(id -> Employee.<Employee>findByIdOptional(id)
                .filter(employee -> employee.active).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            problems.add("intendedMembers not in the directory: " + unknown);
        }
        if (request.endsOn() != null && request.endsOn().isBefore(today)) {
            problems.add("endsOn " + request.endsOn() + " is in the past");
        }
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, problems);
        }
        group.typeId = type.get().typeId();
        group.name = name;
        group.departmentId = departmentId;
        group.projectId = projectId;
        group.purpose = request.purpose().strip();
        group.ownerId = request.ownerId();
        group.intendedMembers = List.copyOf(intended);
        group.endsOn = request.endsOn();
        group.duplicates = duplicatesOf(group);
        group.updatedAt = now;
    }

    private static List<Duplicate> duplicatesOf(WorkGroup request) {
        List<Duplicate> duplicates = new ArrayList<>();
        List<String> members = new ArrayList<>(request.intendedMembers);
        for (WorkGroup live : WorkGroup.live()) {
            if (live.id.equals(request.id)) {
                continue;
            }
            Set<String> liveMembers = new HashSet<>(live.intendedMembers);
            liveMembers.add(live.ownerId);
            DuplicateCheck.resemblance(request.departmentId, request.purpose, members,
                    new DuplicateCheck.Candidate(live.id, live.name, live.departmentId, live.purpose, liveMembers))
                    .ifPresent(reason -> duplicates.add(new Duplicate(live.id, live.name, reason)));
        }
        return duplicates;
    }

    private GroupView view(WorkGroup group) {
        GroupPolicy policy = policies.of(group);
        return GroupView.of(group, policy.approvalChain(),
                states.problems(group, policy, OffsetDateTime.now(ZoneOffset.UTC)));
    }
}
