package io.qunguan.reporting.domain.archive;

import io.qunguan.events.EventEnvelope;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.MessageRecalled;
import io.qunguan.reporting.domain.replica.Replicas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The message archive (IS-2): every message of every chat with its full text, the one place it lives, kept for its
 * group's retention ({@link Retention}) and searched by group, person, period and text. Every search and read is in
 * the {@link AccessLog}, in the same transaction; who may search is the caller's business (auditors, or a supervision
 * grant's scope).
 */
@ApplicationScoped
public class Archive {

    /** Results per page at most. */
    public static final int MAX_LIMIT = 200;

    /**
     * A search: messages of a group's chats and/or a person's accounts, in a period (from inclusive, to exclusive),
     * containing {@code text} ({@link ArchiveText#query}); newest first, after {@code cursor} when paging.
     */
    public record Search(String groupId, String employeeId, OffsetDateTime from, OffsetDateTime to, String text,
            int limit, String cursor) {
    }

    /** An archived message; {@code senderEmployeeId} as the directory knows the account today. */
    public record Message(UUID eventId, String groupId, String chatKey, String platform, String messageId,
            String senderId, String senderEmployeeId, String senderName, String kind, String text,
            String replyTo, OffsetDateTime sentAt, OffsetDateTime recalledAt, String recalledBy) {
    }

    /** A page of results, and the cursor of the next when there may be one. */
    public record Page(List<Message> items, String next) {
    }

    /** A search that cannot be run as asked. */
    public static final class InvalidSearch extends RuntimeException {
        InvalidSearch(String message) {
            super(message);
        }
    }

    private final EntityManager entities;
    private final Replicas replicas;
    private final Retention retention;
    private final AccessLog log;

    public Archive(EntityManager entities, Replicas replicas, Retention retention, AccessLog log) {
        this.entities = entities;
        this.replicas = replicas;
        this.retention = retention;
        this.log = log;
    }

    /**
     * Archives a message once, however often it is delivered (its event id is derived from the platform's message
     * id). A message whose retention has already passed, replayed from the topic, is not archived again.
     */
    @Transactional
    public void archive(EventEnvelope<MessagePosted> event) {
        MessagePosted message = event.data();
        String chatKey = chatKey(message.platform().id(), message.chatId(), message.groupId());
        OffsetDateTime received = event.time() == null ? OffsetDateTime.now(ZoneOffset.UTC) : event.time();
        OffsetDateTime sentAt = message.sentNoLaterThan(received);
        // a retention is a day at least: only an older message (a replay) needs its group's looked up
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (sentAt.isBefore(now.minusDays(1)) && sentAt.isBefore(now.minusDays(retention.daysFor(chatKey)))) {
            return;
        }
        entities.createNativeQuery("""
                        INSERT INTO archived_message (event_id, chat_key, group_id, platform, message_id, sender_id,
                            sender_name, kind, text, reply_to, sent_at, search)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, CAST(?12 AS tsvector))
                        ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, event.id()).setParameter(2, chatKey).setParameter(3, message.groupId())
                .setParameter(4, message.platform().id()).setParameter(5, message.messageId())
                .setParameter(6, message.senderId() == null ? null : message.platform().id() + ":"
                        + message.senderId())
                .setParameter(7, message.senderName()).setParameter(8, message.kind().name())
                .setParameter(9, message.text()).setParameter(10, message.replyTo()).setParameter(11, sentAt)
                .setParameter(12, ArchiveText.vector(message.text())).executeUpdate();
    }

    /** Marks a message recalled on its platform; its text stays on record (that is what an audit needs). */
    @Transactional
    public void recalled(EventEnvelope<MessageRecalled> event) {
        MessageRecalled recall = event.data();
        entities.createNativeQuery("""
                        UPDATE archived_message SET recalled_at = ?1, recalled_by = ?2
                        WHERE chat_key = ?3 AND message_id = ?4 AND recalled_at IS NULL""")
                .setParameter(1, recall.recalledAt() == null ? event.time() : recall.recalledAt())
                .setParameter(2, recall.recalledBy())
                .setParameter(3, chatKey(recall.platform().id(), recall.chatId(), recall.groupId()))
                .setParameter(4, recall.messageId()).executeUpdate();
    }

    /** Runs a search for {@code actor} and logs it with what it returned. */
    @Transactional
    public Page search(Search search, AccessLog.Actor actor) {
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        String tsquery = "";
        if (search.text() != null && !search.text().isBlank()) {
            if (ArchiveText.hasLoneCharacterTerm(search.text())) {
                throw new InvalidSearch("a search term of one Chinese character matches too much; give two or more");
            }
            tsquery = ArchiveText.query(search.text());
            if (tsquery.isEmpty()) {
                throw new InvalidSearch("the text holds no letters, digits or characters to search for");
            }
        }
        if (search.groupId() == null && search.employeeId() == null && tsquery.isEmpty()) {
            throw new InvalidSearch("name a group, a person or a text to search for");
        }
        if (search.groupId() != null) {
            List<String> chats = new ArrayList<>(replicas.chatsOf(search.groupId()));
            chats.add(search.groupId());
            where.add("(m.chat_key IN (" + placeholders(parameters, chats) + ") OR m.group_id = "
                    + placeholder(parameters, search.groupId()) + ")");
        }
        if (search.employeeId() != null) {
            List<String> accounts = replicas.accountsOf(search.employeeId());
            if (accounts.isEmpty()) {
                return logged(search, actor, new Page(List.of(), null));
            }
            where.add("m.sender_id IN (" + placeholders(parameters, accounts) + ")");
        }
        where.add("m.sent_at >= " + placeholder(parameters, search.from()));
        where.add("m.sent_at < " + placeholder(parameters, search.to()));
        if (!tsquery.isEmpty()) {
            where.add("m.search @@ CAST(" + placeholder(parameters, tsquery) + " AS tsquery)");
        }
        if (search.cursor() != null) {
            Cursor after = Cursor.parse(search.cursor());
            where.add("(m.sent_at, m.event_id) < (" + placeholder(parameters, after.sentAt()) + ", "
                    + placeholder(parameters, after.eventId()) + ")");
        }
        int limit = Math.max(1, Math.min(search.limit(), MAX_LIMIT));
        jakarta.persistence.Query query = entities.createNativeQuery(SELECT + " WHERE " + String.join(" AND ", where)
                + " ORDER BY m.sent_at DESC, m.event_id DESC LIMIT " + (limit + 1));
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Message> messages = rows.stream().limit(limit).map(Archive::message).toList();
        String next = rows.size() > limit ? Cursor.of(messages.get(limit - 1)) : null;
        return logged(search, actor, new Page(messages, next));
    }

    /** One message by its event id, logged as read; empty when it is not (or no longer) archived. */
    @Transactional
    public Optional<Message> read(UUID eventId, AccessLog.Actor actor) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(SELECT + " WHERE m.event_id = ?1")
                .setParameter(1, eventId).getResultList();
        Optional<Message> message = rows.stream().findFirst().map(Archive::message);
        log.record(actor, "READ", "message " + eventId, message.map(found -> List.of(eventId.toString()))
                .orElse(List.of()));
        return message;
    }

    private Page logged(Search search, AccessLog.Actor actor, Page page) {
        log.record(actor, "SEARCH", describe(search), page.items().stream().map(m -> m.eventId().toString())
                .toList());
        return page;
    }

    private static String describe(Search search) {
        StringBuilder request = new StringBuilder("search");
        if (search.groupId() != null) {
            request.append(" group=").append(search.groupId());
        }
        if (search.employeeId() != null) {
            request.append(" person=").append(search.employeeId());
        }
        request.append(" from=").append(search.from()).append(" to=").append(search.to());
        if (search.text() != null && !search.text().isBlank()) {
            request.append(" text=").append(search.text());
        }
        if (search.cursor() != null) {
            request.append(" cursor=").append(search.cursor());
        }
        return request.toString();
    }

    static String chatKey(String platform, String chatId, String groupId) {
        return chatId == null || chatId.isBlank() ? groupId : platform + ":" + chatId;
    }

    private static final String SELECT = """
            SELECT m.event_id, m.group_id, m.chat_key, m.platform, m.message_id, m.sender_id,
                   (SELECT a.employee_id FROM person_account a WHERE a.platform_user = m.sender_id), m.sender_name,
                   m.kind, m.text, m.reply_to, m.sent_at, m.recalled_at, m.recalled_by
            FROM archived_message m""";

    private static Message message(Object[] row) {
        return new Message((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                (String) row[5], (String) row[6], (String) row[7], (String) row[8], (String) row[9],
                (String) row[10], Times.of(row[11]), Times.of(row[12]), (String) row[13]);
    }

    private static String placeholder(List<Object> parameters, Object value) {
        parameters.add(value);
        return "?" + parameters.size();
    }

    private static String placeholders(List<Object> parameters, List<String> values) {
        return String.join(", ", values.stream().map(value -> placeholder(parameters, value)).toList());
    }

    /** Where a page ended: the last message's time (microseconds, as PostgreSQL keeps it) and event id. */
    record Cursor(OffsetDateTime sentAt, UUID eventId) {

        static String of(Message last) {
            Instant at = last.sentAt().toInstant();
            return ChronoUnit.MICROS.between(Instant.EPOCH, at) + "_" + last.eventId();
        }

        static Cursor parse(String cursor) {
            int split = cursor.indexOf('_');
            try {
                long micros = Long.parseLong(cursor.substring(0, split));
                return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
                        UUID.fromString(cursor.substring(split + 1)));
            } catch (RuntimeException e) {
                throw new InvalidSearch("cursor is not one this archive gave out");
            }
        }
    }
}
