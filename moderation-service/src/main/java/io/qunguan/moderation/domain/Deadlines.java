package io.qunguan.moderation.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.qunguan.eventing.Outbox;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.DeadlineKind;
import io.qunguan.events.DeadlineOpened;
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
import io.qunguan.moderation.domain.deadlines.Closings;
import io.qunguan.moderation.domain.deadlines.Instructions;
import io.qunguan.moderation.domain.policy.ContentAction;
import io.qunguan.moderation.domain.policy.CustomerCare;
import io.qunguan.moderation.domain.policy.FollowThrough;
import io.qunguan.moderation.domain.policy.GroupPolicies;
import io.qunguan.moderation.domain.policy.GroupPolicies.Applicable;
import io.qunguan.moderation.domain.policy.ModerationPolicy;
import io.qunguan.moderation.domain.policy.ResponseDeadlines;
import io.qunguan.moderation.domain.refusal.Refused;
import io.qunguan.worktime.WorkCalendar;
import io.qunguan.worktime.WorkingTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Deadlines in groups, three kinds on one timer. A leader of a group (its owner or an admin, or a member of a leader's
 * rank) who @mentions people with a task opens, for each of them, a response deadline (BH-5, SV-4), met by the
 * person's next message in the group, and a follow-through deadline at the end of the working day (BH-7), met when
 * the person says it is done ({@link Closings}) or it is closed over REST. In a customer group, a customer's message
 * opens a wait for a staff member's reply (BH-9), held against the staff member the customer named, else the group's
 * owner. One still open shortly before it falls due is reminded ({@link ResponseDueSoon}); one still open when it
 * falls due is a violation with the policy's fine. Every closed deadline publishes its response time
 * ({@link ResponseMeasured}). Deadlines are rows: any number of instances fire the due ones, each once, and a restart
 * loses none.
 */
@ApplicationScoped
public class Deadlines {

    static final String CATEGORY = "unanswered-instruction";
    static final String STALLED = "stalled-task";
    static final String CUSTOMER_WAITING = "unanswered-customer";
    static final int BATCH = 50;
    static final int MAX_NOTE = 500;
    /** Mention ids that mean "everyone": a notice to all (BH-6), not a task for one person. */
    private static final Set<String> EVERYONE = Set.of("all", "@all", "everyone", "channel", "here", "0");
    private static final ZoneId COMPANY_ZONE = ZoneId.of("Asia/Shanghai");

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

    /** The opening of a deadline: who raised it, who answers for it, and its clock. */
    private record Opening(DeadlineKind kind, String raisedBy, String raisedByEmployee, String assignee,
            RosterEntry member, OffsetDateTime starts, OffsetDateTime due, OffsetDateTime remindAt) {
    }

    /**
     * In the message's transaction: the sender's message meets the deadlines it meets (an answer, a closing, a
     * staff reply to customers), and opens those it raises: a leader's task for each staff member it @mentions, a
     * customer's wait. Nothing in chats no group holds (no roster).
     *
     * @return the deadlines opened
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int observe(Applicable applicable, MessagePosted message, OffsetDateTime at) {
        if (applicable.applied().companyDefault()) {
            return 0;
        }
        String groupId = applicable.groupId();
        ModerationPolicy policy = applicable.policy();
        String sender = message.platform().chatKey(message.senderId());
        Optional<RosterEntry> from = rosterEntry(groupId, sender);
        boolean staff = from.isPresent() && from.get().employeeId() != null;
        answered(groupId, sender, message, policy.deadlines(), at);
        if (Closings.isClosing(message.text())) {
            closedInChat(groupId, sender, message.replyTo(), message.messageId(), at);
        }
        String excerpt = evidence.masked(message.text());
        if (staff) {
            customersAnswered(groupId, message, at);
        } else if (policy.customerCare() != null) {
            return open(groupId, message, excerpt, at, customerWait(groupId, message, policy, sender, at).stream()
                    .toList());
        }
        ResponseDeadlines terms = policy.deadlines();
        FollowThrough followThrough = policy.followThrough();
        if (terms == null && followThrough == null || message.mentions() == null || message.mentions().isEmpty()) {
            return 0;
        }
        boolean leader = from.isPresent() && ResponseDeadlines.leader(from.get().role(), from.get().rank(),
                terms != null ? terms.leaderRanks() : ResponseDeadlines.DEFAULT_LEADER_RANKS);
        if (!leader || !Instructions.isTask(message.text())) {
            return 0;
        }
        List<Opening> openings = new ArrayList<>();
        for (String mention : new LinkedHashSet<>(message.mentions())) {
            String assignee = message.platform().chatKey(mention);
            Optional<RosterEntry> member = rosterEntry(groupId, assignee);
            if (EVERYONE.contains(mention.toLowerCase(Locale.ROOT)) || assignee.equals(sender)
                    || member.isEmpty() || member.get().employeeId() == null) {
                continue;
            }
            if (terms != null) {
                OffsetDateTime starts = terms.restTimeCounts() ? at
                        : workingTime(policy).map(working -> working.nextAllowed(at)).orElse(at);
                OffsetDateTime due = starts.plus(terms.within());
                openings.add(new Opening(DeadlineKind.RESPONSE, sender, from.get().employeeId(), assignee,
                        member.get(), starts, due, remindAt(due, terms.remindBefore(), terms.within())));
            }
            if (followThrough != null) {
                OffsetDateTime due = endOfWorkingDay(policy, followThrough, at);
                openings.add(new Opening(DeadlineKind.FOLLOW_THROUGH, sender, from.get().employeeId(), assignee,
                        member.get(), at, due, remindAt(due, followThrough.remindBefore(),
                                Duration.between(at, due))));
            }
        }
        return open(groupId, message, excerpt, at, openings);
    }

    private int open(String groupId, MessagePosted message, String excerpt, OffsetDateTime at,
            List<Opening> openings) {
        int opened = 0;
        for (Opening opening : openings) {
            // derived from the message and who answers for it: a replay opens nothing twice; a customer's further
            // messages while one wait is open are held off by the partial unique index
            UUID id = UUID.nameUUIDFromBytes((idPrefix(opening.kind()) + groupId + "|" + message.messageId() + "|"
                    + (opening.kind() == DeadlineKind.CUSTOMER_REPLY ? opening.raisedBy() : opening.assignee()))
                    .getBytes(StandardCharsets.UTF_8));
            int inserted = entities.createNativeQuery("""
                            INSERT INTO response_deadline (id, group_id, platform, chat_id, message_id, leader_id,
                                leader_employee, assignee_id, assignee_employee, department_id, excerpt, opened_at,
                                starts_at, due_at, status, remind_at, kind)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'OPEN', ?15, ?16)
                            ON CONFLICT DO NOTHING""")
                    .setParameter(1, id).setParameter(2, groupId).setParameter(3, message.platform().id())
                    .setParameter(4, message.chatId()).setParameter(5, message.messageId())
                    .setParameter(6, opening.raisedBy()).setParameter(7, opening.raisedByEmployee())
                    .setParameter(8, opening.assignee()).setParameter(9, opening.member().employeeId())
                    .setParameter(10, opening.member().departmentId()).setParameter(11, excerpt)
                    .setParameter(12, at).setParameter(13, opening.starts()).setParameter(14, opening.due())
                    .setParameter(15, opening.remindAt()).setParameter(16, opening.kind().name()).executeUpdate();
            if (inserted > 0) {
                outbox.add(EventEnvelope.fresh(ModerationService.SOURCE, new DeadlineOpened(id, opening.kind(),
                        groupId, message.platform(), message.chatId(), message.messageId(), opening.raisedBy(),
                        opening.raisedByEmployee(), opening.assignee(), opening.member().employeeId(),
                        opening.member().departmentId(), at, opening.due())));
            }
            opened += inserted;
        }
        return opened;
    }

    /** The first message of RESPONSE deadlines kept the prefix it had before kinds: their ids do not change. */
    private static String idPrefix(DeadlineKind kind) {
        return switch (kind) {
            case RESPONSE -> "deadline|";
            case FOLLOW_THROUGH -> "follow-through|";
            case CUSTOMER_REPLY -> "customer-reply|";
        };
    }

    private static OffsetDateTime remindAt(OffsetDateTime due, Duration before, Duration within) {
        return before.isPositive() && before.compareTo(within) < 0 ? due.minus(before) : null;
    }

    /**
     * A customer's wait for a reply (BH-9): held against the staff member the customer @mentions, else the group's
     * owner; none when the group has neither.
     */
    private Optional<Opening> customerWait(String groupId, MessagePosted message, ModerationPolicy policy,
            String customer, OffsetDateTime at) {
        CustomerCare care = policy.customerCare();
        Optional<RosterEntry> named = message.mentions() == null ? Optional.empty() : message.mentions().stream()
                .map(mention -> rosterEntry(groupId, message.platform().chatKey(mention)))
                .flatMap(Optional::stream).filter(entry -> entry.employeeId() != null).findFirst();
        Optional<RosterEntry> responsible = named.isPresent() ? named : owner(groupId);
        if (responsible.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime starts = care.restTimeCounts() ? at
                : workingTime(policy).map(working -> working.nextAllowed(at)).orElse(at);
        OffsetDateTime due = starts.plus(care.within());
        return Optional.of(new Opening(DeadlineKind.CUSTOMER_REPLY, customer, null,
                responsible.get().platformUserId(), responsible.get(), starts, due,
                remindAt(due, care.remindBefore(), care.within())));
    }

    /**
     * The end of the working day a task was given on (BH-7), or of the next working day when it came on a day off
     * or with less than the policy's minimum left.
     */
    OffsetDateTime endOfWorkingDay(ModerationPolicy policy, FollowThrough terms, OffsetDateTime at) {
        Optional<WorkingTime> working = workingTime(policy);
        ZoneId zone = working.map(WorkingTime::zone).orElse(COMPANY_ZONE);
        Predicate<LocalDate> workingDay = day -> working.map(w -> w.workingDay(day)).orElse(true);
        LocalDate given = at.atZoneSameInstant(zone).toLocalDate();
        OffsetDateTime sameDay = given.atTime(terms.endOfDay()).atZone(zone).toOffsetDateTime();
        if (workingDay.test(given) && !at.plus(terms.minimumTime()).isAfter(sameDay)) {
            return sameDay;
        }
        LocalDate due = given.plusDays(1);
        // a year of days off in a row would be a broken calendar: the day after is due then, rather than never
        for (int step = 0; step < 366 && !workingDay.test(due); step++) {
            due = due.plusDays(1);
        }
        return due.atTime(terms.endOfDay()).atZone(zone).toOffsetDateTime();
    }

    /**
     * The sender's first message after a task that answers it as the policy says (any message, or a quote-reply of
     * the task, an @ back to the leader, a plan): in time it meets the deadline, late it is recorded.
     */
    private void answered(String groupId, String sender, MessagePosted message, ResponseDeadlines terms,
            OffsetDateTime at) {
        Set<ResponseDeadlines.Answer> answers = terms == null ? Set.of(ResponseDeadlines.Answer.ANY) : terms.answers();
        String update = """
                UPDATE response_deadline SET answered_at = ?1, answer_message_id = ?2, answered_by = ?4,
                    status = CASE WHEN ?1 <= due_at THEN 'MET' ELSE status END,
                    closed_at = CASE WHEN ?1 <= due_at THEN ?1 ELSE closed_at END
                WHERE group_id = ?3 AND assignee_id = ?4 AND kind = 'RESPONSE' AND answered_at IS NULL
                  AND status = 'OPEN' AND opened_at <= ?1 AND message_id <> ?2""";
        if (answers.contains(ResponseDeadlines.Answer.ANY)
                || answers.contains(ResponseDeadlines.Answer.PLAN) && Closings.isPlan(message.text())) {
            meet(entities.createNativeQuery(update + " RETURNING id, status").setParameter(1, at)
                    .setParameter(2, message.messageId()).setParameter(3, groupId).setParameter(4, sender));
            return;
        }
        if (answers.contains(ResponseDeadlines.Answer.QUOTE) && message.replyTo() != null) {
            meet(entities.createNativeQuery(update + " AND message_id = ?5 RETURNING id, status").setParameter(1, at)
                    .setParameter(2, message.messageId()).setParameter(3, groupId).setParameter(4, sender)
                    .setParameter(5, message.replyTo()));
        }
        if (answers.contains(ResponseDeadlines.Answer.MENTION) && message.mentions() != null) {
            for (String mention : new LinkedHashSet<>(message.mentions())) {
                meet(entities.createNativeQuery(update + " AND leader_id = ?5 RETURNING id, status")
                        .setParameter(1, at).setParameter(2, message.messageId()).setParameter(3, groupId)
                        .setParameter(4, sender).setParameter(5, message.platform().chatKey(mention)));
            }
        }
    }

    /**
     * The sender says a task is done (BH-7): the task the message quotes, or else every task they have open in the
     * group. Lenient by choice: a person who says "done" once for two tasks is not fined for the second.
     */
    private void closedInChat(String groupId, String sender, String replyTo, String messageId, OffsetDateTime at) {
        String update = """
                UPDATE response_deadline SET answered_at = ?1, answer_message_id = ?2, answered_by = ?4,
                    status = CASE WHEN ?1 <= due_at THEN 'MET' ELSE status END,
                    closed_at = CASE WHEN ?1 <= due_at THEN ?1 ELSE closed_at END
                WHERE group_id = ?3 AND assignee_id = ?4 AND kind = 'FOLLOW_THROUGH' AND answered_at IS NULL
                  AND status = 'OPEN' AND opened_at <= ?1 AND message_id <> ?2""";
        if (replyTo != null && meet(entities.createNativeQuery(update + " AND message_id = ?5 RETURNING id, status")
                .setParameter(1, at).setParameter(2, messageId).setParameter(3, groupId).setParameter(4, sender)
                .setParameter(5, replyTo)) > 0) {
            return;
        }
        meet(entities.createNativeQuery(update + " RETURNING id, status").setParameter(1, at)
                .setParameter(2, messageId).setParameter(3, groupId).setParameter(4, sender));
    }

    /**
     * A staff member's message replies to the customers waiting in the group (BH-9): those it @mentions, or every
     * one waiting when it names none of them.
     */
    private void customersAnswered(String groupId, MessagePosted message, OffsetDateTime at) {
        String sender = message.platform().chatKey(message.senderId());
        String update = """
                UPDATE response_deadline SET answered_at = ?1, answer_message_id = ?2, answered_by = ?4,
                    status = CASE WHEN ?1 <= due_at THEN 'MET' ELSE status END,
                    closed_at = CASE WHEN ?1 <= due_at THEN ?1 ELSE closed_at END
                WHERE group_id = ?3 AND kind = 'CUSTOMER_REPLY' AND answered_at IS NULL AND status = 'OPEN'
                  AND opened_at <= ?1""";
        int named = 0;
        for (String mention : message.mentions() == null ? List.<String>of() : new LinkedHashSet<>(message.mentions())) {
            named += meet(entities.createNativeQuery(update + " AND leader_id = ?5 RETURNING id, status")
                    .setParameter(1, at).setParameter(2, message.messageId()).setParameter(3, groupId)
                    .setParameter(4, sender).setParameter(5, message.platform().chatKey(mention)));
        }
        if (named == 0) {
            meet(entities.createNativeQuery(update + " RETURNING id, status").setParameter(1, at)
                    .setParameter(2, message.messageId()).setParameter(3, groupId).setParameter(4, sender));
        }
    }

    /** Runs an update of deadlines met, publishing the response time of each met in time; returns how many. */
    private int meet(jakarta.persistence.Query update) {
        @SuppressWarnings("unchecked")
        List<Object[]> met = update.getResultList();
        for (Object[] row : met) {
            if ("MET".equals(row[1])) {
                outbox.add(EventEnvelope.fresh(ModerationService.SOURCE, measured((UUID) row[0])));
            }
        }
        return met.size();
    }

    /**
     * Closes an open deadline over REST, with a note (BH-7's "closed over REST"; an answer given by phone for the
     * others). A follow-through its person may close; any deadline its leader, the group's owner or admins, or HR.
     */
    @Transactional
    public void close(UUID id, String note, Appeals.Caller caller, OffsetDateTime now) {
        String why = Refused.requiredText(note, "note", MAX_NOTE);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT kind, status, assignee_employee, leader_employee, group_id, answered_at
                        FROM response_deadline WHERE id = ?1 FOR UPDATE""").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw new Refused(Refused.Kind.NOT_FOUND, "no deadline " + id);
        }
        Object[] row = rows.getFirst();
        DeadlineKind kind = DeadlineKind.valueOf((String) row[0]);
        String reader = caller.employeeId();
        boolean own = kind == DeadlineKind.FOLLOW_THROUGH && reader.equals(row[2]);
        boolean manages = caller.roles().contains("hr") || reader.equals(row[3])
                || manages((String) row[4], reader);
        if (!own && !manages) {
            throw new Refused(Refused.Kind.FORBIDDEN, kind == DeadlineKind.FOLLOW_THROUGH
                    ? "a task is closed by its person, the leader who gave it, the group's owner or admins, or HR"
                    : "this deadline is closed by the leader who gave it, the group's owner or admins, or HR");
        }
        if (!"OPEN".equals(row[1])) {
            throw new Refused(Refused.Kind.CONFLICT, "the deadline is " + row[1] + " already");
        }
        if (row[5] != null) {
            throw new Refused(Refused.Kind.CONFLICT, "the deadline was met at " + time(row[5]) + " already");
        }
        // closed after it fell due but before the timer fired it: on record as late, and the timer still fires it
        meet(entities.createNativeQuery("""
                        UPDATE response_deadline SET answered_at = ?2, closed_by = ?3, closing_note = ?4,
                            status = CASE WHEN ?2 <= due_at THEN 'MET' ELSE status END,
                            closed_at = CASE WHEN ?2 <= due_at THEN ?2 ELSE closed_at END
                        WHERE id = ?1 AND status = 'OPEN' AND answered_at IS NULL RETURNING id, status""")
                .setParameter(1, id).setParameter(2, now).setParameter(3, reader).setParameter(4, why));
    }

    /** Whether the employee is an owner or admin of the group on its roster. */
    private boolean manages(String groupId, String employeeId) {
        return !entities.createNativeQuery("""
                        SELECT 1 FROM group_member WHERE group_id = ?1 AND employee_id = ?2
                          AND role IN ('OWNER', 'ADMIN')""")
                .setParameter(1, groupId).setParameter(2, employeeId).getResultList().isEmpty();
    }

    /**
     * Reminds those due soon, then fires every deadline due by {@code now}, in batches of {@link #BATCH}, each in a
     * transaction of its own that claims its rows with {@code FOR UPDATE SKIP LOCKED}: a violation of the person
     * responsible, the response time published. Returns how many were missed.
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

    /** Reminds the people whose deadline is near and who have not met it, once each. */
    private int remindBatch(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = entities.createNativeQuery("""
                        SELECT id, group_id, platform, chat_id, assignee_id, assignee_employee, excerpt, due_at, kind
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
                    (String) row[6], time(row[7]), DeadlineKind.valueOf((String) row[8]))));
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
                               answered_at, kind
                        FROM response_deadline WHERE id = ?1""").setParameter(1, id).getSingleResult();
        String groupId = (String) row[0];
        Platform platform = Platform.of((String) row[1]);
        String assignee = (String) row[4];
        OffsetDateTime dueAt = time(row[7]);
        DeadlineKind kind = DeadlineKind.valueOf((String) row[9]);
        Applicable applicable = policies.applicableTo(groupId);
        ContentAction action = actionFor(applicable.policy(), kind);
        UUID violationId = null;
        if (action.violation()) {
            violationId = EventIds.nameBased(id, kind.ruleId());
            String memberId = assignee.substring(assignee.indexOf(':') + 1);
            Violation.Offence offence = new Violation.Offence(groupId, platform, (String) row[2], memberId,
                    (String) row[5], null, "deadline:" + id, dueAt);
            Decision decision = offences.decide(offence.offender(), action, Severity.LOW,
                    applicable.policy().ladder(), dueAt);
            String late = row[8] == null ? "not met" : "met late, at " + time(row[8]);
            Violation violation = Violation.open(violationId, offence, List.of(new ViolationOpened.Finding(
                            category(kind), kind.ruleId(), Severity.LOW, 0, 0, late)), evidence(kind) + row[6],
                    applicable.applied(), decision.offence(), decision.sanction());
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

    /** The category a missed deadline of this kind is a finding of: the name a policy's contentActions use. */
    static String category(DeadlineKind kind) {
        return switch (kind) {
            case RESPONSE -> CATEGORY;
            case FOLLOW_THROUGH -> STALLED;
            case CUSTOMER_REPLY -> CUSTOMER_WAITING;
        };
    }

    private static String evidence(DeadlineKind kind) {
        return switch (kind) {
            case RESPONSE -> "未在时限内回应领导的任务：";
            case FOLLOW_THROUGH -> "任务未在当日完成闭环：";
            case CUSTOMER_REPLY -> "客户消息未在时限内得到回复：";
        };
    }

    /**
     * The policy's action for a missed deadline: its own for the category, else the kind's fine (BH-5 100 yuan,
     * BH-7 50 yuan, BH-9 its {@code fineYuan}); a customer's wait without a fine goes on the ladder.
     */
    static ContentAction actionFor(ModerationPolicy policy, DeadlineKind kind) {
        String category = category(kind);
        if (policy.contentActions().containsKey(category)) {
            return policy.actionFor(category);
        }
        Sanction fine = switch (kind) {
            case RESPONSE -> policy.deadlines() != null ? policy.deadlines().fine()
                    : Sanction.fine(ResponseDeadlines.DEFAULT_FINE_YUAN);
            case FOLLOW_THROUGH -> policy.followThrough() != null ? policy.followThrough().fine()
                    : Sanction.fine(FollowThrough.DEFAULT_FINE_YUAN);
            case CUSTOMER_REPLY -> policy.customerCare() != null ? policy.customerCare().fine() : null;
        };
        return fine != null ? new ContentAction(ContentAction.Mode.FIXED, fine) : ContentAction.SANCTION;
    }

    private ResponseMeasured measured(UUID id) {
        Object[] row = (Object[]) entities.createNativeQuery("""
                        SELECT group_id, platform, chat_id, message_id, leader_id, leader_employee, assignee_id,
                               assignee_employee, opened_at, starts_at, due_at, answered_at, status, violation_id, kind,
                               department_id
                        FROM response_deadline WHERE id = ?1""").setParameter(1, id).getSingleResult();
        OffsetDateTime starts = time(row[9]);
        OffsetDateTime answered = row[11] == null ? null : time(row[11]);
        return new ResponseMeasured(id, (String) row[0], Platform.of((String) row[1]), (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], (String) row[6], (String) row[7], time(row[8]),
                starts, time(row[10]), answered,
                responseSeconds(starts, answered), "MET".equals(row[12]), (UUID) row[13],
                DeadlineKind.valueOf((String) row[14]), (String) row[15]);
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

    private record RosterEntry(String platformUserId, String employeeId, String departmentId, String rank,
            String role) {
    }

    private Optional<RosterEntry> rosterEntry(String groupId, String platformUserId) {
        return roster(entities.createNativeQuery("""
                        SELECT platform_user_id, employee_id, department_id, rank, role FROM group_member
                        WHERE group_id = ?1 AND platform_user_id = ?2""")
                .setParameter(1, groupId).setParameter(2, platformUserId));
    }

    /** The group's owner as the roster has them, on a platform account and in the directory. */
    private Optional<RosterEntry> owner(String groupId) {
        return roster(entities.createNativeQuery("""
                        SELECT platform_user_id, employee_id, department_id, rank, role FROM group_member
                        WHERE group_id = ?1 AND role = 'OWNER' AND employee_id IS NOT NULL
                          AND platform_user_id IS NOT NULL
                        ORDER BY platform_user_id LIMIT 1""").setParameter(1, groupId));
    }

    private static Optional<RosterEntry> roster(jakarta.persistence.Query query) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().findFirst().map(row -> new RosterEntry((String) row[0], (String) row[1],
                (String) row[2], (String) row[3], (String) row[4]));
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
