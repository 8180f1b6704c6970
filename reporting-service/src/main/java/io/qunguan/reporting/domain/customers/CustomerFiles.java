package io.qunguan.reporting.domain.customers;

import io.qunguan.reporting.domain.SqlArrays;
import io.qunguan.reporting.domain.archive.AccessLog;
import io.qunguan.reporting.domain.archive.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Customer files (MK-3): for each external contact in customer groups — a sender in a group of a customer type whose
 * account is no employee's, or the directory's external person — their interactions (messages per group, first and
 * last), the staff's response times to them (BH-9 deadlines they raised) and the marketing they received (staff
 * messages with a promotion marker in their groups, approved unless moderation found them unapproved, MK-1). Message
 * text is the archive's: only auditors see it here, and their read is in the access log. HR and auditors see every
 * customer, a department head those of their department's customer groups.
 */
@ApplicationScoped
public class CustomerFiles {

    /** What makes a staff message promotional when a group's policy names no markers: moderation's own default. */
    static final List<String> DEFAULT_MARKERS = List.of("优惠", "限时", "特价", "折扣", "打折", "秒杀", "促销", "活动价",
            "满减", "包邮", "领券", "下单", "团购", "新品上市", "抢购");

    /** Who asks: HR and auditors everyone; a department head the groups of their department and those under it. */
    public record Caller(String id, Collection<String> roles, String department) {

        boolean all() {
            return roles.contains("hr") || roles.contains("auditor");
        }
    }

    /** A customer and their interactions over the period. */
    public record Customer(String customerId, String name, List<String> groups, long messages, OffsetDateTime firstAt,
            OffsetDateTime lastAt) {
    }

    /** Their interactions in one group. */
    public record InGroup(String groupId, String name, long messages, OffsetDateTime firstAt, OffsetDateTime lastAt) {
    }

    /** A reply the staff owed them (BH-9). */
    public record Reply(String groupId, String staffEmployeeId, OffsetDateTime askedAt, OffsetDateTime dueAt,
            OffsetDateTime answeredAt, Long seconds, boolean met) {
    }

    /** A promotional message in one of their groups; its text for auditors only. */
    public record Marketing(UUID eventId, String groupId, OffsetDateTime sentAt, String senderEmployeeId,
            boolean approved, String text) {
    }

    /** One of their messages, for auditors. */
    public record Message(UUID eventId, String groupId, OffsetDateTime sentAt, String text) {
    }

    /** The file. */
    public record File(Customer customer, List<InGroup> groups, List<Reply> replies, long repliesMet,
            long repliesMissed, Double medianReplySeconds, List<Marketing> marketing, List<Message> messages) {
    }

    private final EntityManager entities;
    private final AccessLog log;
    private final List<String> customerTypes;

    public CustomerFiles(EntityManager entities, AccessLog log,
            @ConfigProperty(name = "qunguan.customers.group-types", defaultValue = "customer") List<String> types) {
        this.entities = entities;
        this.log = log;
        this.customerTypes = List.copyOf(types);
    }

    /** The customers of the period the caller may see, the most recent first. */
    @Transactional
    public List<Customer> customers(OffsetDateTime from, OffsetDateTime to, String groupId, Caller caller) {
        List<Object> parameters = new ArrayList<>(List.of(from, to, SqlArrays.text(customerTypes)));
        String scope = scope(caller, groupId, parameters);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(entities.createNativeQuery(CUSTOMER_MESSAGES.formatted("""
                SELECT m.sender_id, max(m.sender_name), string_agg(DISTINCT g.group_id, ','), count(*),
                       min(m.sent_at), max(m.sent_at)""") + scope
                + " GROUP BY m.sender_id ORDER BY max(m.sent_at) DESC LIMIT 500"), parameters).getResultList();
        return rows.stream().map(row -> new Customer((String) row[0], (String) row[1],
                Arrays.asList(((String) row[2]).split(",")), ((Number) row[3]).longValue(), Times.of(row[4]),
                Times.of(row[5]))).toList();
    }

    /** One customer's file, if the caller may see them; an auditor's read, with message text, is logged. */
    @Transactional
    public Optional<File> file(String customerId, OffsetDateTime from, OffsetDateTime to, Caller caller) {
        List<Object> parameters = new ArrayList<>(List.of(from, to, SqlArrays.text(customerTypes)));
        String scope = scope(caller, null, parameters) + " AND m.sender_id = ?" + (parameters.size() + 1);
        parameters.add(customerId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(entities.createNativeQuery(CUSTOMER_MESSAGES.formatted("""
                SELECT g.group_id, max(g.name), count(*), min(m.sent_at), max(m.sent_at), max(m.sender_name)""")
                + scope + " GROUP BY g.group_id ORDER BY max(m.sent_at) DESC"), parameters).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<InGroup> groups = rows.stream().map(row -> new InGroup((String) row[0], (String) row[1],
                ((Number) row[2]).longValue(), Times.of(row[3]), Times.of(row[4]))).toList();
        List<String> groupIds = groups.stream().map(InGroup::groupId).toList();
        Customer customer = new Customer(customerId, (String) rows.get(0)[5], groupIds,
                groups.stream().mapToLong(InGroup::messages).sum(),
                groups.stream().map(InGroup::firstAt).min(OffsetDateTime::compareTo).orElse(null),
                groups.stream().map(InGroup::lastAt).max(OffsetDateTime::compareTo).orElse(null));

        @SuppressWarnings("unchecked")
        List<Object[]> replyRows = entities.createNativeQuery("""
                        SELECT group_id, employee_id, opened_at, due_at, answered_at, response_seconds, met
                        FROM response_time WHERE kind = 'CUSTOMER_REPLY' AND leader_id = ?1
                          AND opened_at >= ?2 AND opened_at < ?3 AND group_id IN (SELECT unnest(CAST(?4 AS text[])))
                        ORDER BY opened_at DESC LIMIT 500""")
                .setParameter(1, customerId).setParameter(2, from).setParameter(3, to)
                .setParameter(4, SqlArrays.text(groupIds)).getResultList();
        List<Reply> replies = replyRows.stream().map(row -> new Reply((String) row[0], (String) row[1],
                Times.of(row[2]), Times.of(row[3]), Times.of(row[4]),
                row[5] == null ? null : ((Number) row[5]).longValue(), (Boolean) row[6])).toList();
        List<Long> answered = replies.stream().map(Reply::seconds).filter(java.util.Objects::nonNull).sorted()
                .toList();
        Double median = answered.isEmpty() ? null : answered.size() % 2 == 1
                ? (double) answered.get(answered.size() / 2)
                : (answered.get(answered.size() / 2 - 1) + answered.get(answered.size() / 2)) / 2.0;

        boolean auditor = caller.roles().contains("auditor");
        List<Marketing> marketing = new ArrayList<>();
        for (String group : groupIds) {
            marketing.addAll(marketing(group, from, to, auditor));
        }
        marketing.sort((a, b) -> b.sentAt().compareTo(a.sentAt()));
        List<Message> messages = List.of();
        if (auditor) {
            @SuppressWarnings("unchecked")
            List<Object[]> own = entities.createNativeQuery("""
                            SELECT m.event_id, c.group_id, m.sent_at, m.text FROM archived_message m
                            JOIN group_replica_chat c ON c.chat_key = m.chat_key
                            WHERE m.sender_id = ?1 AND m.sent_at >= ?2 AND m.sent_at < ?3
                              AND c.group_id IN (SELECT unnest(CAST(?4 AS text[])))
                            ORDER BY m.sent_at DESC LIMIT 200""")
                    .setParameter(1, customerId).setParameter(2, from).setParameter(3, to)
                    .setParameter(4, SqlArrays.text(groupIds)).getResultList();
            messages = own.stream().map(row -> new Message((UUID) row[0], (String) row[1], Times.of(row[2]),
                    (String) row[3])).toList();
            List<String> read = new ArrayList<>(messages.stream().map(m -> m.eventId().toString()).toList());
            marketing.forEach(item -> read.add(item.eventId().toString()));
            log.record(new AccessLog.Actor(caller.id(), caller.roles()), "READ", "customer file " + customerId
                    + " from=" + from + " to=" + to, read);
        }
        return Optional.of(new File(customer, groups, replies, replies.stream().filter(Reply::met).count(),
                replies.stream().filter(reply -> !reply.met()).count(), median, marketing, messages));
    }

    private List<Marketing> marketing(String groupId, OffsetDateTime from, OffsetDateTime to, boolean withText) {
        Object stored = entities.createNativeQuery(
                        "SELECT CAST(marketing_markers AS text) FROM group_replica WHERE group_id = ?1")
                .setParameter(1, groupId).getResultList().stream().findFirst().orElse(null);
        List<String> markers = markers((String) stored);
        List<String> patterns = markers.stream().map(marker -> "%" + marker.replace("\\", "\\\\")
                .replace("%", "\\%").replace("_", "\\_") + "%").toList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT m.event_id, m.group_id, m.sent_at, a.employee_id, m.text,
                               NOT EXISTS (SELECT 1 FROM violation_view v WHERE v.message_id = m.message_id
                                           AND v.rule_id = 'MK-1' AND v.reversed_at IS NULL
                                           AND v.chat_id = substring(m.chat_key from position(':' in m.chat_key) + 1))
                        FROM archived_message m
                        JOIN group_replica_chat c ON c.chat_key = m.chat_key
                        JOIN person_account a ON a.platform_user = m.sender_id
                        JOIN person p ON p.employee_id = a.employee_id AND NOT p.external
                        WHERE c.group_id = ?1 AND m.sent_at >= ?2 AND m.sent_at < ?3
                          AND m.text LIKE ANY (CAST(?4 AS text[]))
                        ORDER BY m.sent_at DESC LIMIT 200""")
                .setParameter(1, groupId).setParameter(2, from).setParameter(3, to).setParameter(4, SqlArrays.text(patterns))
                .getResultList();
        return rows.stream().map(row -> new Marketing((UUID) row[0], (String) row[1], Times.of(row[2]),
                (String) row[3], (Boolean) row[5], withText ? (String) row[4] : null)).toList();
    }

    private static List<String> markers(String json) {
        if (json == null) {
            return DEFAULT_MARKERS;
        }
        try {
            List<String> markers = new ArrayList<>();
            io.qunguan.events.EventJson.MAPPER.readTree(json).forEach(marker -> markers.add(marker.asText()));
            return markers.isEmpty() ? DEFAULT_MARKERS : markers;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return DEFAULT_MARKERS;
        }
    }

    /**
     * The customers' messages: in a chat of a group of a customer type, from an account the directory gives no
     * employee, or gives an external one.
     */
    private static final String CUSTOMER_MESSAGES = """
            %s
            FROM archived_message m
            JOIN group_replica_chat c ON c.chat_key = m.chat_key
            JOIN group_replica g ON g.group_id = c.group_id
            LEFT JOIN person_account a ON a.platform_user = m.sender_id
            LEFT JOIN person p ON p.employee_id = a.employee_id
            WHERE m.sent_at >= ?1 AND m.sent_at < ?2 AND g.type_id IN (SELECT unnest(CAST(?3 AS text[])))
              AND m.sender_id IS NOT NULL AND (a.employee_id IS NULL OR p.external)""";

    private static String scope(Caller caller, String groupId, List<Object> parameters) {
        StringBuilder scope = new StringBuilder();
        if (!caller.all()) {
            parameters.add(caller.department() == null ? "" : caller.department());
            int root = parameters.size();
            scope.append(" AND g.department_id IN (WITH RECURSIVE tree(id) AS (SELECT CAST(?").append(root)
                    .append(" AS text) UNION SELECT d.department_id FROM department d JOIN tree t ON d.parent_id = t.id)"
                            + " SELECT id FROM tree)");
        }
        if (groupId != null) {
            parameters.add(groupId);
            scope.append(" AND g.group_id = ?").append(parameters.size());
        }
        return scope.toString();
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }
}
