package io.qunguan.notification.domain.notices;

import io.qunguan.events.Language;
import io.qunguan.events.Platform;
import io.qunguan.notification.domain.directory.Person;
import io.qunguan.notification.domain.groups.GroupReplica;
import io.qunguan.notification.domain.directory.PersonAccount;
import io.qunguan.worktime.WorkCalendar;
import io.qunguan.worktime.WorkingTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The delivery of notices over their channels, in order: a channel that cannot deliver (refused, not set up, or
 * unavailable through every attempt) hands over to the next; when none is left the notice waits in the operators'
 * queue. Every attempt is written before its call ({@code SENDING}, with a lease, and a {@code send_attempt} row that
 * all instances' send limits count), so a crash mid-call is known afterwards and never sends twice where that would
 * show: such an attempt is repeated only on a platform that drops repeats, and is {@code UNCERTAIN} elsewhere. A
 * notice that is not urgent waits for working time ({@link WorkingTime}: working days, outside the quiet hours).
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    private final NoticeSettings settings;
    private final NoticeTemplates templates;
    private final DirectMessages messages;
    private final Preferences preferences;
    private final ChatPosts chatPosts;
    private final GroupReplica groups;
    private final List<String> calendar;
    private final WorkingTime workingTime;
    /** Each group rest time in use ({@code zone quiet-hours}), built once. */
    private final Map<String, WorkingTime> groupWorkingTimes = new ConcurrentHashMap<>();

    public Deliveries(NoticeSettings settings, NoticeTemplates templates, DirectMessages messages,
            Preferences preferences, ChatPosts chatPosts, GroupReplica groups) {
        this.settings = settings;
        this.templates = templates;
        this.messages = messages;
        this.preferences = preferences;
        this.chatPosts = chatPosts;
        this.groups = groups;
        this.calendar = calendar(settings);
        this.workingTime = workingTime(settings, calendar);
    }

    private static List<String> calendar(NoticeSettings settings) {
        try {
            return settings.calendarFile().isPresent()
                    ? Files.readAllLines(Path.of(settings.calendarFile().get()), StandardCharsets.UTF_8)
                    : WorkCalendar.shippedLines();
        } catch (IOException e) {
            throw new UncheckedIOException("the calendar cannot be read", e);
        }
    }

    private static WorkingTime workingTime(NoticeSettings settings, List<String> calendar) {
        WorkingTime workingTime = WorkingTime.of(ZoneId.of(settings.zone()), settings.quietHours(), calendar,
                settings.workingDaysOnly());
        int year = LocalDate.now(ZoneId.of(settings.zone())).getYear();
        if (settings.workingDaysOnly() && !workingTime.yearsCovered().contains(year)) {
            LOG.warnf("the holiday calendar has no dates of %d: this year's holidays and adjusted working days are "
                    + "not known, weekends alone count (qunguan.notifications.calendar-file)", year);
        }
        return workingTime;
    }

    /**
     * When a notice may be sent from {@code at}: at once if urgent, else in the company's working time and, for a
     * group's notice, outside the group's own rest time too.
     */
    private OffsetDateTime allowedFrom(Notice notice, OffsetDateTime at) {
        if (notice.urgent) {
            return at;
        }
        OffsetDateTime allowed = workingTime.nextAllowed(at);
        Optional<WorkingTime> group = groupWorkingTime(notice.groupId);
        // the two rest times may leave no common window on a day; a few rounds settle where they meet
        for (int round = 0; group.isPresent() && round < 4; round++) {
            OffsetDateTime inGroup = group.get().nextAllowed(allowed);
            if (inGroup.equals(allowed)) {
                break;
            }
            allowed = workingTime.nextAllowed(inGroup);
        }
        return allowed;
    }

    private Optional<WorkingTime> groupWorkingTime(String groupId) {
        if (!settings.groupQuietHours() || groupId == null) {
            return Optional.empty();
        }
        return groups.find(groupId).map(GroupReplica.Group::policy).filter(policy -> policy.quietHours().isPresent())
                .map(policy -> {
                    String zone = policy.zone().orElse(settings.zone());
                    return groupWorkingTimes.computeIfAbsent(zone + " " + policy.quietHours().get(),
                            key -> WorkingTime.of(ZoneId.of(zone), policy.quietHours().get(), calendar,
                                    settings.workingDaysOnly()));
                });
    }

    /** An attempt to make now, outside any transaction. */
    public record Claimed(long deliveryId, Channel channel, String destination, NoticeTemplates.Rendered text,
            String key, List<Long> companions) {


        /** The platform of an IM destination ({@code <platform>:<userId>}). */
        public Platform platform() {
            return platformOf(destination);
        }

        /** The user id of an IM destination, the address of an e-mail one. */
        public String address() {
            return destination.substring(destination.indexOf(':') + 1);
        }
    }

    private static Platform platformOf(String imDestination) {
        return Platform.of(imDestination.substring(0, imDestination.indexOf(':')));
    }

    /** Plans a notice's first channel that can reach its person; the notice fails when none can. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void plan(Notice notice, OffsetDateTime now) {
        planFrom(notice, 0, now);
    }

    /** Plans the first channel from {@code position} on that reaches the person; the notice fails if none does. */
    private void planFrom(Notice notice, int position, OffsetDateTime now) {
        List<Channel> channels = preferences.channelsFor(notice.recipientId, notice.kind);
        for (int i = position; i < channels.size(); i++) {
            if (Delivery.count("noticeId = ?1 and channel = ?2", notice.id, channels.get(i)) > 0) {
                // tried already, before the person reordered their channels
                continue;
            }
            Optional<String> destination = destination(notice, channels.get(i));
            if (destination.isPresent()) {
                Delivery delivery = new Delivery();
                delivery.noticeId = notice.id;
                delivery.channel = channels.get(i);
                delivery.position = i;
                delivery.destination = destination.get();
                delivery.status = Delivery.Status.PENDING;
                // a notice of little weight waits a while for others to the person, to go with them in one message
                delivery.dueAt = allowedFrom(notice, notice.digest && position == 0 ? now.plus(settings.digestWindow())
                        : now);
                delivery.createdAt = now;
                delivery.persist();
                return;
            }
        }
        notice.status = Notice.Status.FAILED;
        notice.updatedAt = now;
    }

    /**
     * Where {@code channel} reaches the notice's person: on IM the platform of the notice's chat if the person is
     * there, else their first platform account; by e-mail the directory's address.
     */
    private static Optional<String> destination(Notice notice, Channel channel) {
        if (channel == Channel.CHAT || notice.kind.toChat()) {
            // a chat is reached by a post there, and a post reaches nobody else
            return channel == Channel.CHAT && notice.kind.toChat() ? Optional.ofNullable(notice.address)
                    : Optional.empty();
        }
        Person person = notice.recipientId == null ? null : Person.findById(notice.recipientId);
        if (person == null || !person.active) {
            return Optional.empty();
        }
        return switch (channel) {
            case EMAIL -> Optional.ofNullable(person.email).map(email -> "mail:" + email);
            case CHAT -> Optional.empty();
            case IM -> {
                List<PersonAccount> accounts = PersonAccount.of(person.employeeId).stream()
                        .filter(account -> Platform.find(account.key.platform()).filter(p -> p != Platform.GENERIC)
                                .isPresent())
                        .sorted(Comparator.comparing(account -> Platform.of(account.key.platform())))
                        .toList();
                String chatPlatform = notice.groupId == null || notice.groupId.indexOf(':') < 0 ? null
                        : notice.groupId.substring(0, notice.groupId.indexOf(':'));
                yield accounts.stream().filter(account -> account.key.platform().equals(chatPlatform)).findFirst()
                        .or(() -> accounts.stream().findFirst())
                        .map(account -> account.key.platform() + ":" + account.key.userId());
            }
        };
    }

    /**
     * Claims up to {@code limit} due attempts that the send limits allow now. An attempt a limit holds back stays
     * pending until the limit frees up; one whose lease ran out (an instance died mid-call) is repeated only where
     * the platform drops repeats.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claimed> claimDue(OffsetDateTime now, int limit) {
        EntityManager em = Delivery.getEntityManager();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                        SELECT id FROM delivery
                        WHERE (status = 'PENDING' AND due_at <= ?1) OR (status = 'SENDING' AND lease_until <= ?1)
                        ORDER BY due_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, now).setParameter(2, limit).getResultList();
        List<Claimed> claimed = new ArrayList<>();
        for (Number id : ids) {
            Delivery delivery = Delivery.findById(id.longValue());
            Notice notice = Notice.findById(delivery.noticeId);
            if (delivery.status == Delivery.Status.SENDING && delivery.leaseUntil.isAfter(now)) {
                // taken along in this claim with another notice's digest
                continue;
            }
            if (delivery.status == Delivery.Status.SENDING && !repeatable(delivery)) {
                delivery.detail = "the attempt of " + delivery.leaseUntil.minus(settings.lease())
                        + " was interrupted before its answer was recorded; not sent again";
                finish(delivery, Delivery.Status.UNCERTAIN, now);
                notice.status = Notice.Status.UNCERTAIN;
                notice.updatedAt = now;
                continue;
            }
            Optional<OffsetDateTime> heldUntil = heldBack(delivery, now);
            if (heldUntil.isPresent()) {
                delivery.status = Delivery.Status.PENDING;
                delivery.dueAt = heldUntil.get();
                continue;
            }
            Language language = templates.languageOf(notice.recipientId);
            NoticeTemplates.Rendered text;
            try {
                text = templates.render(notice.kind, language, notice.params);
            } catch (RuntimeException e) {
                // a notice that cannot be rendered must not hold up the others: it waits for an operator
                delivery.detail = "cannot be rendered: " + e.getMessage();
                finish(delivery, Delivery.Status.FAILED, now);
                notice.status = Notice.Status.FAILED;
                notice.updatedAt = now;
                continue;
            }
            em.createNativeQuery("INSERT INTO send_attempt (destination, sent_at, delivery_id) VALUES (?1, ?2, ?3)")
                    .setParameter(1, delivery.destination).setParameter(2, now).setParameter(3, delivery.id)
                    .executeUpdate();
            delivery.status = Delivery.Status.SENDING;
            delivery.attempts++;
            delivery.leaseUntil = now.plus(settings.lease());
            List<Long> companions = notice.digest ? companions(delivery, now) : List.of();
            if (!companions.isEmpty()) {
                List<NoticeTemplates.Rendered> items = new ArrayList<>(List.of(text));
                for (Long companion : companions) {
                    Notice other = Notice.findById(Delivery.<Delivery>findById(companion).noticeId);
                    items.add(templates.render(other.kind, templates.languageOf(other.recipientId), other.params));
                }
                text = templates.digest(language, items);
            }
            claimed.add(new Claimed(delivery.id, delivery.channel, delivery.destination, text,
                    notice.id + ":" + delivery.channel, companions));
        }
        return claimed;
    }

    /**
     * The person's other waiting notices of little weight on the same destination, due or not: claimed with the lead
     * one, to go in the same message.
     */
    private List<Long> companions(Delivery lead, OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<Number> ids = Delivery.getEntityManager().createNativeQuery("""
                        SELECT d.id FROM delivery d JOIN notice n ON n.id = d.notice_id
                        WHERE d.destination = ?1 AND d.status = 'PENDING' AND n.digest AND d.id <> ?2
                        ORDER BY d.id LIMIT 50 FOR UPDATE OF d SKIP LOCKED""")
                .setParameter(1, lead.destination).setParameter(2, lead.id).getResultList();
        List<Long> companions = new ArrayList<>();
        for (Number id : ids) {
            Delivery companion = Delivery.findById(id.longValue());
            companion.status = Delivery.Status.SENDING;
            companion.attempts++;
            companion.leaseUntil = now.plus(settings.lease());
            companions.add(companion.id);
        }
        return companions;
    }

    private boolean repeatable(Delivery delivery) {
        return switch (delivery.channel) {
            case IM -> messages.repeatable(platformOf(delivery.destination));
            case CHAT -> chatPosts.repeatable(platformOf(delivery.destination));
            case EMAIL -> false;
        };
    }

    /**
     * When the destination's limits (a person's direct messages, a chat's posts) next allow a send, if not now.
     * Counting and the claim share one lock per destination, so instances claiming together never pass a limit
     * between them.
     */
    private Optional<OffsetDateTime> heldBack(Delivery delivery, OffsetDateTime now) {
        List<SendLimit> limits = switch (delivery.channel) {
            case IM -> messages.limits(platformOf(delivery.destination));
            case CHAT -> chatPosts.limits(platformOf(delivery.destination));
            case EMAIL -> List.of();
        };
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        EntityManager em = Delivery.getEntityManager();
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(?1))) AS locked")
                .setParameter(1, delivery.destination).getSingleResult();
        OffsetDateTime until = null;
        for (SendLimit limit : limits) {
            @SuppressWarnings("unchecked")
            List<OffsetDateTime> sent = em.createNativeQuery("""
                            SELECT sent_at FROM send_attempt WHERE destination = ?1 AND sent_at > ?2
                            ORDER BY sent_at DESC LIMIT ?3""", OffsetDateTime.class)
                    .setParameter(1, delivery.destination).setParameter(2, now.minus(limit.per()))
                    .setParameter(3, limit.count()).getResultList();
            if (sent.size() >= limit.count()) {
                // the oldest of the last `count` sends leaves the window first
                OffsetDateTime free = sent.get(sent.size() - 1).plus(limit.per());
                until = until == null || free.isAfter(until) ? free : until;
            }
        }
        return Optional.ofNullable(until);
    }

    /** Records what the channel made of an attempt, for every notice it carried. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Claimed claimed, SendResult result, OffsetDateTime now) {
        recordOne(claimed.deliveryId(), result, now);
        claimed.companions().forEach(companion -> recordOne(companion, result, now));
    }

    /** Records what the channel made of an attempt; hands over to the next channel when this one cannot deliver. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(long deliveryId, SendResult result, OffsetDateTime now) {
        recordOne(deliveryId, result, now);
    }

    private void recordOne(long deliveryId, SendResult result, OffsetDateTime now) {
        Delivery delivery = Delivery.findById(deliveryId);
        if (delivery == null || delivery.status != Delivery.Status.SENDING) {
            return;
        }
        Notice notice = Notice.findById(delivery.noticeId);
        delivery.detail = result.detail();
        delivery.leaseUntil = null;
        notice.updatedAt = now;
        switch (result.status()) {
            case SENT -> {
                finish(delivery, Delivery.Status.SENT, now);
                notice.status = Notice.Status.SENT;
            }
            case UNCERTAIN -> {
                finish(delivery, Delivery.Status.UNCERTAIN, now);
                notice.status = Notice.Status.UNCERTAIN;
            }
            case REFUSED, NOT_OFFERED -> handOver(notice, delivery, now);
            case UNAVAILABLE -> {
                if (delivery.attempts >= settings.maxAttempts()) {
                    delivery.detail = "unavailable through " + delivery.attempts + " attempts: " + result.detail();
                    handOver(notice, delivery, now);
                } else {
                    Duration backoff = Duration.ofSeconds(Math.min(3600, 5L << Math.min(delivery.attempts - 1, 10)));
                    Duration wait = result.retryAfter() != null && result.retryAfter().compareTo(backoff) > 0
                            ? result.retryAfter() : backoff;
                    delivery.status = Delivery.Status.PENDING;
                    delivery.dueAt = allowedFrom(notice, now.plus(wait));
                }
            }
        }
    }

    private void handOver(Notice notice, Delivery delivery, OffsetDateTime now) {
        finish(delivery, Delivery.Status.FAILED, now);
        planFrom(notice, delivery.position + 1, now);
    }

    private static void finish(Delivery delivery, Delivery.Status status, OffsetDateTime now) {
        delivery.status = status;
        delivery.finishedAt = now;
        delivery.leaseUntil = null;
    }

    /** Forgets send attempts older than every limit's window: they count for nothing any more. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int forgetAttemptsBefore(OffsetDateTime cutoff) {
        return Delivery.getEntityManager().createNativeQuery("DELETE FROM send_attempt WHERE sent_at < ?1")
                .setParameter(1, cutoff).executeUpdate();
    }

    /** The longest window of any platform's limits. */
    public Duration longestWindow() {
        return Arrays.stream(Platform.values())
                .flatMap(platform -> Stream.concat(messages.limits(platform).stream(),
                        chatPosts.limits(platform).stream()))
                .map(SendLimit::per).max(Comparator.naturalOrder()).orElse(Duration.ofMinutes(1));
    }
}
