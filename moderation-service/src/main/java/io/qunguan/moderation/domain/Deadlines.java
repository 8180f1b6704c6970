package io.qunguan.moderation.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.qunguan.eventing.Outbox;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Platform;
import io.qunguan.events.ResponseDueSoon;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.moderation.domain.Offences.Decision;
import io.qunguan.moderation.domain.behaviour.BehaviourLimits;
import io.qunguan.moderation.domain.deadlines.Instructions;
import io.qunguan.moderation.domain.policy.ContentAction;
import io.qunguan.moderation.domain.policy.GroupPolicies;
import io.qunguan.moderation.domain.policy.GroupPolicies.Applicable;
import io.qunguan.moderation.domain.policy.ModerationPolicy;
import io.qunguan.moderation.domain.policy.ResponseDeadlines;
import io.qunguan.worktime.WorkCalendar;
import io.qunguan.worktime.WorkingTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Response deadlines (BH-5, SV-4). A leader of a group (its owner or an admin, or a member of a leader's rank) who
 * @mentions people with a task opens a deadline for each of them; the person's next message in the group meets it;
 * one still unanswered shortly before it is reminded ({@link ResponseDueSoon}), and one still unanswered when it
 * falls due is a BH-5 violation with the policy's fine. Every closed deadline publishes
 * its response time ({@link ResponseMeasured}). Deadlines are rows: any number of instances fire the due ones, each
 * once, and a restart loses none.
 */
@ApplicationScoped
public class Deadlines {

    static final String CATEGORY = "unanswered-instruction";
    static final int BATCH = 50;
    /** Mention ids that mean "everyone": a notice to all (BH-6), not a task for one person. */
    private static final Set<String> EVERYONE = Set.of("all", "@all", "everyone", "channel", "here", "0");

    private final EntityManager entities;
    private final GroupPolicies policies;
    private final Evidence evidence;
    private final Offences offences;
    private final Escalations escalations;
    private final Outbox outbox;
    private final WorkCalendar calendar;

    public Deadlines(EntityManager entities, GroupPolicies policies, Evidence evidence, Offences offences,
            Escalations escalations, Outbox outbox, WorkCalendar calendar) {
        this.entities = entities;
        this.policies = policies;
        this.evidence = evidence;
        this.offences = offences;
        this.escalations = escalations;
        this.outbox = outbox;
        this.calendar = calendar;
    }

    /**
     * In the message's transaction: the sender's message meets the deadlines they have open in the group, and a
     * leader's task opens one for each staff member it @mentions. Nothing in chats no group holds (no roster).
     *
     * @return the deadlines opened
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int observe(Applicable applicable, MessagePosted message, OffsetDateTime at) {
        if (applicable.applied().companyDefault()) {
            return 0;
        }
        String groupId = applicable.groupId();
        String sender = message.platform().chatKey(message.senderId());
        answered(groupId, sender, message.messageId(), at);
        ResponseDeadlines terms = applicable.policy().deadlines();
        if (terms == null || message.mentions() == null || message.mentions().isEmpty()) {
            return 0;
        }
        Optional<RosterEntry> leader = rosterEntry(groupId, sender);
        if (leader.isEmpty() || !terms.leader(leader.get().role(), leader.get().rank())
                || !Instructions.isTask(message.text())) {
            return 0;
        }
        OffsetDateTime starts = terms.restTimeCounts() ? at : workingTime(applicable.policy())
                .map(working -> working.nextAllowed(at)).orElse(at);
        OffsetDateTime due = starts.plus(terms.within());
        boolean reminds = terms.remindBefore().isPositive() && terms.remindBefore().compareTo(terms.within()) < 0;
        OffsetDateTime remindAt = reminds ? due.minus(terms.remindBefore()) : null;
        String excerpt = evidence.masked(message.text());
        int opened = 0;
        for (String mention : new LinkedHashSet<>(message.mentions())) {
            String assignee = message.platform().chatKey(mention);
            Optional<RosterEntry> member = rosterEntry(groupId, assignee);
            if (EVERYONE.contains(mention.toLowerCase(Locale.ROOT)) || assignee.equals(sender)
                    || member.isEmpty() || member.get().employeeId() == null) {
                continue;
            }
            opened += entities.createNativeQuery("""
                            INSERT INTO response_deadline (id, group_id, platform, chat_id, message_id, leader_id,
                                leader_employee, assignee_id, assignee_employee, department_id, excerpt, opened_at,
                                starts_at, due_at, status, remind_at)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'OPEN', ?15)
                            ON CONFLICT (id) DO NOTHING""")
                    .setParameter(1, UUID.nameUUIDFromBytes(("deadline|" + groupId + "|" + message.messageId() + "|"
                            + assignee).getBytes(StandardCharsets.UTF_8)))
                    .setParameter(2, groupId).setParameter(3, message.platform().id())
                    .setParameter(4, message.chatId()).setParameter(5, message.messageId()).setParameter(6, sender)
                    .setParameter(7, leader.get().employeeId()).setParameter(8, assignee)
                    .setParameter(9, member.get().employeeId()).setParameter(10, member.get().departmentId())
                    .setParameter(11, excerpt).setParameter(12, at).setParameter(13, starts).setParameter(14, due)
                    .setParameter(15, remindAt).executeUpdate();
        }
        return opened;
    }

    /** The sender's first message after a task answers it: in time it meets the deadline, late it is recorded. */
    private void answered(String groupId, String sender, String messageId, OffsetDateTime at) {
        @SuppressWarnings("unchecked")
        List<Object[]> met = entities.createNativeQuery("""
                        UPDATE response_deadline SET answered_at = ?1, answer_message_id = ?2,
                            status = CASE WHEN ?1 <= due_at THEN 'MET' ELSE status END,
                            closed_at = CASE WHEN ?1 <= due_at THEN ?1 ELSE closed_at END
                        WHERE group_id = ?3 AND assignee_id = ?4 AND answered_at IS NULL AND status = 'OPEN'
                          AND opened_at <= ?1 AND message_id <> ?2
                        RETURNING id, status""")
                .setParameter(1, at).setParameter(2, messageId).setParameter(3, groupId).setParameter(4, sender)
                .getResultList();
        for (Object[] row : met) {
            if ("MET".equals(row[1])) {
                outbox.add(EventEnvelope.fresh(ModerationService.SOURCE, measured((UUID) row[0])));
            }
        }
    }

    /**
     * Fires every deadline due by {@code now}, in batches of {@link #BATCH}, each in a transaction of its own that
     * claims its rows with {@code FOR UPDATE SKIP LOCKED}: a BH-5 violation for the person, the response time
     * published. Returns how many were missed.
     */
    public int fireDue(OffsetDateTime now) {
        int reminded;
        do {
            reminded = QuarkusTransaction.requiringNew().call(() -> remindBatch(now));
        } while (reminded == BATCH);
        int fired = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> fireBatch(now));
            fired += batch;
        } while (batch == BATCH);
        return fired;
    }

    /** Reminds the people whose deadline is near and who have not answered, once each. */
    private int remindBatch(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = entities.createNativeQuery("""
                        SELECT id, group_id, platform, chat_id, assignee_id, assignee_employee, excerpt, due_at
                        FROM response_deadline
                        WHERE status = 'OPEN' AND answered_at IS NULL AND reminded_at IS NULL AND remind_at <= ?1
                          AND due_at > ?1
                        ORDER BY remind_at LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, now).setParameter(2, BATCH).getResultList();
        for (Object[] row : due) {
            entities.createNativeQuery("UPDATE response_deadline SET reminded_at = ?2 WHERE id = ?1")
                    .setParameter(1, row[0]).setParameter(2, now).executeUpdate();
            outbox.add(EventEnvelope.fresh(ModerationService.SOURCE, new ResponseDueSoon((UUID) row[0],
                    (String) row[1], Platform.of((String) row[2]), (String) row[3], (String) row[4], (String) row[5],
                    (String) row[6], time(row[7]))));
        }
        return due.size();
    }

    private int fireBatch(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<UUID> due = entities.createNativeQuery("""
                        SELECT id FROM response_deadline WHERE status = 'OPEN' AND due_at <= ?1
                        ORDER BY due_at LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, now).setParameter(2, BATCH).getResultList();
        for (UUID id : due) {
            miss(id, now);
        }
        return due.size();
    }

    private void miss(UUID id, OffsetDateTime now) {
        Object[] row = (Object[]) entities.createNativeQuery("""
                        SELECT group_id, platform, chat_id, message_id, assignee_id, assignee_employee, excerpt, due_at,
                               answered_at
                        FROM response_deadline WHERE id = ?1""").setParameter(1, id).getSingleResult();
        String groupId = (String) row[0];
        Platform platform = Platform.of((String) row[1]);
        String assignee = (String) row[4];
        OffsetDateTime dueAt = time(row[7]);
        Applicable applicable = policies.applicableTo(groupId);
        ContentAction action = actionFor(applicable.policy());
        UUID violationId = null;
        if (action.violation()) {
            violationId = EventIds.nameBased(id, "BH-5");
            String memberId = assignee.substring(assignee.indexOf(':') + 1);
            Violation.Offence offence = new Violation.Offence(groupId, platform, (String) row[2], memberId,
                    (String) row[5], null, "deadline:" + id, dueAt);
            Decision decision = offences.decide(offence.offender(), action, Severity.LOW,
                    applicable.policy().ladder(), dueAt);
            String late = row[8] == null ? "no answer" : "answered late, at " + time(row[8]);
            Violation violation = Violation.open(violationId, offence, List.of(new ViolationOpened.Finding(CATEGORY,
                            "BH-5", Severity.LOW, 0, 0, late)), "未在时限内回应领导的任务：" + row[6], applicable.applied(),
                    decision.offence(), decision.sanction());
            outbox.add(EventEnvelope.of(UUID.randomUUID(), ModerationService.SOURCE, violation.openedAt,
                    violation.opened()));
            escalations.consider(violation, applicable.policy().escalation());
        }
        entities.createNativeQuery("""
                        UPDATE response_deadline SET status = 'MISSED', violation_id = ?2, closed_at = ?3
                        WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, violationId).setParameter(3, now).executeUpdate();
        outbox.add(EventEnvelope.fresh(ModerationService.SOURCE, measured(id)));
    }

    /** The policy's action for a missed deadline: its own for the category, else the deadline's fine. */
    static ContentAction actionFor(ModerationPolicy policy) {
        if (policy.contentActions().containsKey(CATEGORY)) {
            return policy.actionFor(CATEGORY);
        }
        ResponseDeadlines terms = policy.deadlines();
        return new ContentAction(ContentAction.Mode.FIXED, terms != null ? terms.fine()
                : Sanction.fine(ResponseDeadlines.DEFAULT_FINE_YUAN));
    }

    private ResponseMeasured measured(UUID id) {
        Object[] row = (Object[]) entities.createNativeQuery("""
                        SELECT group_id, platform, chat_id, message_id, leader_id, leader_employee, assignee_id,
                               assignee_employee, opened_at, starts_at, due_at, answered_at, status, violation_id
                        FROM response_deadline WHERE id = ?1""").setParameter(1, id).getSingleResult();
        OffsetDateTime starts = time(row[9]);
        OffsetDateTime answered = row[11] == null ? null : time(row[11]);
        return new ResponseMeasured(id, (String) row[0], Platform.of((String) row[1]), (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], (String) row[6], (String) row[7], time(row[8]),
                starts, time(row[10]), answered,
                responseSeconds(starts, answered), "MET".equals(row[12]), (UUID) row[13]);
    }

    /** From the clock's start to the answer; null when none came. */
    static Long responseSeconds(OffsetDateTime starts, OffsetDateTime answered) {
        return answered == null ? null : Math.max(0, Duration.between(starts, answered).toSeconds());
    }

    private Optional<WorkingTime> workingTime(ModerationPolicy policy) {
        BehaviourLimits.RestTime rest = policy.behaviour().restTime();
        return rest == null ? Optional.empty() : Optional.of(new WorkingTime(rest.zone(), rest.from(), rest.until(),
                rest.daysOff() ? calendar : null));
    }

    private record RosterEntry(String employeeId, String departmentId, String rank, String role) {
    }

    private Optional<RosterEntry> rosterEntry(String groupId, String platformUserId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT employee_id, department_id, rank, role FROM group_member
                        WHERE group_id = ?1 AND platform_user_id = ?2""")
                .setParameter(1, groupId).setParameter(2, platformUserId).getResultList();
        return rows.stream().findFirst().map(row -> new RosterEntry((String) row[0], (String) row[1],
                (String) row[2], (String) row[3]));
    }

    static OffsetDateTime time(Object value) {
        return switch (value) {
            case OffsetDateTime offset -> offset;
            case Instant instant -> instant.atOffset(ZoneOffset.UTC);
            case Timestamp timestamp -> timestamp.toInstant().atOffset(ZoneOffset.UTC);
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        };
    }
}
