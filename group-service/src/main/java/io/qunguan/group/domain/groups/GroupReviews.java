package io.qunguan.group.domain.groups;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.AuditEntry;
import io.qunguan.group.domain.Refusal;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.directory.Employee;
import io.qunguan.group.domain.groups.GroupTask.Kind;
import io.qunguan.group.domain.groups.MembershipRules.Person;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The periodic review (GL-9). Each active group falls due every {@code qunguan.groups.review-every}: its owner gets a
 * review task listing what needs attention (past its end date, inactive for longer than its type's stale-after
 * days, non-compliant name, owner or announcement), and the group is dissolved (GL-8) when the review goes
 * unanswered past {@code review-answer-within}. HR and department heads open a review of a group at any time. The
 * review also reconciles mandatory members (MB-7). Due groups are claimed in batches with {@code FOR UPDATE SKIP
 * LOCKED}, so several instances share the work without reviewing a group twice.
 */
@ApplicationScoped
public class GroupReviews {

    private static final Logger LOG = Logger.getLogger(GroupReviews.class);
    static final int BATCH = 100;
    /** How long a claimed group waits for its review before another pass may take it. */
    static final Duration CLAIM = Duration.ofMinutes(15);

    /** What one pass did. */
    public record Pass(int reviewed, int reviewsOpened, int dissolved) {
    }

    private final GroupPolicies policies;
    private final GroupStates states;
    private final GroupTasks tasks;
    private final MemberChecks checks;
    private final GroupAdministration administration;
    private final Duration reviewEvery;
    private final Duration answerWithin;

    public GroupReviews(GroupPolicies policies, GroupStates states, GroupTasks tasks, MemberChecks checks,
            GroupAdministration administration,
            @ConfigProperty(name = "qunguan.groups.review-every", defaultValue = "30d") Duration reviewEvery,
            @ConfigProperty(name = "qunguan.groups.review-answer-within", defaultValue = "14d") Duration answerWithin) {
        this.policies = policies;
        this.states = states;
        this.tasks = tasks;
        this.checks = checks;
        this.administration = administration;
        this.reviewEvery = reviewEvery;
        this.answerWithin = answerWithin;
    }

    @Scheduled(every = "${qunguan.groups.review-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledReview() {
        Pass pass = review(OffsetDateTime.now(ZoneOffset.UTC));
        if (pass.reviewed() > 0) {
            LOG.infof("reviewed %d groups: %d reviews opened, %d groups dissolved", pass.reviewed(),
                    pass.reviewsOpened(), pass.dissolved());
        }
    }

    /**
     * Reviews every group due at {@code now}. A short transaction claims a batch (moves its due time a lease ahead,
     * so another instance skips it and a crash only delays it); the staff list MB-7 needs is read next, holding no
     * lock; then each group is reviewed in a transaction of its own that locks that group alone.
     */
    public Pass review(OffsetDateTime now) {
        Pass total = new Pass(0, 0, 0);
        OffsetDateTime claimedUntil = now.plus(CLAIM).truncatedTo(ChronoUnit.MICROS);
        List<Claim> batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> claim(now, claimedUntil));
            List<Person> staff = batch.stream().anyMatch(Claim::needsStaff)
                    ? QuarkusTransaction.requiringNew().call(MemberChecks::staff) : List.of();
            for (Claim claim : batch) {
                Pass one = QuarkusTransaction.requiringNew().call(() -> reviewOne(claim.groupId(), now, claimedUntil,
                        staff));
                total = new Pass(total.reviewed() + one.reviewed(), total.reviewsOpened() + one.reviewsOpened(),
                        total.dissolved() + one.dissolved());
            }
        } while (batch.size() == BATCH);
        return total;
    }

    /** A claimed group, and whether its review needs the staff list. */
    record Claim(String groupId, boolean needsStaff) {
    }

    private List<Claim> claim(OffsetDateTime now, OffsetDateTime claimedUntil) {
        @SuppressWarnings("unchecked")
        List<String> due = WorkGroup.getEntityManager().createNativeQuery(
                        "SELECT id FROM work_group WHERE status = 'ACTIVE' AND next_review_at <= ?1 "
                                + "ORDER BY next_review_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, now).getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        WorkGroup.getEntityManager().createNativeQuery("UPDATE work_group SET next_review_at = ?1 WHERE id IN (?2)")
                .setParameter(1, claimedUntil).setParameter(2, due).executeUpdate();
        return due.stream().map(id -> new Claim(id, MemberChecks.needsStaff(
                policies.of(WorkGroup.<WorkGroup>findById(id))))).toList();
    }

    private Pass reviewOne(String id, OffsetDateTime now, OffsetDateTime claimedUntil, List<Person> staff) {
        WorkGroup group = WorkGroup.findById(id, LockModeType.PESSIMISTIC_WRITE);
        // dissolved since the claim, or claimed again after this claim ran out: not this pass's to review
        if (group == null || group.status != WorkGroup.Status.ACTIVE || group.nextReviewAt == null
                || !group.nextReviewAt.isEqual(claimedUntil)) {
            return new Pass(0, 0, 0);
        }
        GroupPolicy policy = policies.of(group);
        group.nextReviewAt = now.plus(reviewEvery);
        Optional<GroupTask> open = GroupTask.open(group.id, Kind.REVIEW, "");
        if (open.isPresent() && open.get().dueAt != null && now.isAfter(open.get().dueAt)) {
            administration.dissolve(group, "the review opened " + open.get().openedAt + " went unanswered: "
                    + open.get().detail, Actor.SYSTEM);
            return new Pass(1, 0, 1);
        }
        int opened = 0;
        if (open.isEmpty()) {
            openReview(group, policy, "periodic review", now);
            opened = 1;
        }
        checks.reconcile(group, policy, staff);
        group.updatedAt = now;
        states.publish(group);
        return new Pass(1, opened, 0);
    }

    /**
     * Opens a review of one group now, at the request of HR or the head of its department (GL-9), with what the
     * periodic review would list.
     */
    @Transactional
    public Optional<GroupTasks.TaskView> reviewNow(String groupId, String reason, Actor actor) {
        WorkGroup group = WorkGroup.findById(groupId, LockModeType.PESSIMISTIC_WRITE);
        if (group == null || !GroupAccess.visible(group, actor, policies.of(group).approvalChain())) {
            return Optional.empty();
        }
        if (!actor.isHr() && !GroupAccess.headsDepartmentOf(group, actor)) {
            throw Refusal.forbidden("a review is opened by HR or the head of the group's department");
        }
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("a reason is required");
        }
        if (group.status != WorkGroup.Status.ACTIVE) {
            throw Refusal.conflict("group " + groupId + " is " + group.status + "; only an active group is reviewed");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AuditEntry.record(actor, "group.review", "group", group.id, reason.strip(), null);
        return Optional.of(GroupTasks.TaskView.of(openReview(group, policies.of(group), "review requested by "
                + actor.id() + ": " + reason.strip(), now)));
    }

    /** A review task for the owner (HR when the owner is gone), listing what needs attention. */
    private GroupTask openReview(WorkGroup group, GroupPolicy policy, String why, OffsetDateTime now) {
        List<String> concerns = reasons(group, policy, now);
        String assignee = Employee.<Employee>findByIdOptional(group.ownerId).filter(owner -> owner.active)
                .map(owner -> owner.id).orElse(null);
        long members = GroupRoster.of(group).stream().filter(entry -> entry.platformUserId() != null).count();
        return tasks.open(group.id, null, Kind.REVIEW, "GL-9", "", assignee, why + ": check the group's " + members
                + " members and say whether it is still needed (close this task), or dissolve it"
                + (concerns.isEmpty() ? "" : "; needs attention: " + String.join("; ", concerns)),
                now.plus(answerWithin));
    }

    /** What needs attention in a group: past its end date, inactive, non-compliant. */
    private List<String> reasons(WorkGroup group, GroupPolicy policy, OffsetDateTime now) {
        List<String> reasons = new ArrayList<>();
        if (group.endsOn != null && now.atZoneSameInstant(GroupLifecycle.COMPANY_ZONE).toLocalDate()
                .isAfter(group.endsOn)) {
            reasons.add("past its end date " + group.endsOn);
        }
        OffsetDateTime lastActive = group.lastActivityAt != null ? group.lastActivityAt : group.activatedAt;
        if (policy.staleAfterDays() > 0 && lastActive != null
                && lastActive.isBefore(now.minusDays(policy.staleAfterDays()))) {
            reasons.add("inactive since " + lastActive.toLocalDate() + " (stale after " + policy.staleAfterDays()
                    + " days)");
        }
        reasons.addAll(states.problems(group, policy, now));
        return reasons;
    }
}
