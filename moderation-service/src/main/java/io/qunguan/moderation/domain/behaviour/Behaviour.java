package io.qunguan.moderation.domain.behaviour;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Severity;
import io.qunguan.moderation.domain.marketing.MarketingCatalogue;
import io.qunguan.worktime.WorkCalendar;
import io.qunguan.worktime.WorkingTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Behaviour over time in a group (BH-1 flooding, BH-2 rest time, BH-3 images, BH-4 voice, MK-1 and MK-2 marketing
 * to customers), judged message by message against the
 * group's limits, with the windows and runs kept in PostgreSQL so they survive a restart and a rebalance. One group's
 * messages arrive in order on one partition, so each burst or run is found once, when it crosses its limit.
 */
@ApplicationScoped
public class Behaviour {

    /**
     * What a message did against the limits.
     *
     * @param category the name a policy's {@code contentActions} gives the behaviour an action by: {@code flood},
     *                 {@code group-flood} (the message that took the whole group past its rate), {@code short-run},
     *                 {@code filler-run}, {@code quiet-hours}, {@code urgent-in-quiet-hours}, {@code urgent-overuse},
     *                 {@code images}, {@code voice}, {@code long-voice}, {@code unapproved-marketing}, {@code marketing-frequency}
     * @param detail   what was counted, e.g. {@code 11 messages in 60 s}
     */
    public record Found(String category, String ruleId, Severity severity, String detail) {
    }

    /** One row of windows: a sender's in a group, or (sender {@code ""}) the group's own. */
    @Entity
    @Table(name = "behaviour_window")
    public static class Window extends PanacheEntityBase {

        @EmbeddedId
        public Key key;
        @Column(name = "recent_messages")
        public long[] recentMessages;
        @Column(name = "messages_reported_until")
        public long messagesReportedUntil;
        @Column(name = "recent_images")
        public long[] recentImages;
        @Column(name = "images_reported_until")
        public long imagesReportedUntil;
        @Column(name = "filler_run")
        public int fillerRun;
        @Column(name = "run_sender")
        public String runSender;
        @Column(name = "short_run")
        public int shortRun;
        @Column(name = "recent_urgent")
        public long[] recentUrgent;
        @Column(name = "urgent_reported_until")
        public long urgentReportedUntil;
        @Column(name = "recent_promotions")
        public long[] recentPromotions;
        @Column(name = "promotions_reported_until")
        public long promotionsReportedUntil;
        @Column(name = "last_at")
        public long lastAt;

        SlidingWindow messages() {
            return new SlidingWindow(recentMessages, messagesReportedUntil);
        }

        void messages(SlidingWindow window) {
            recentMessages = window.recent();
            messagesReportedUntil = window.reportedUntil();
        }
    }

    /** The key of a window row. */
    @Embeddable
    public record Key(@Column(name = "group_id") String groupId, String sender) implements Serializable {
    }

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration DAY = Duration.ofDays(1);

    private final EntityManager entities;
    private final WorkCalendar calendar;
    private final MarketingCatalogue catalogue;

    public Behaviour(EntityManager entities, WorkCalendar calendar, MarketingCatalogue catalogue) {
        this.entities = entities;
        this.calendar = calendar;
        this.catalogue = catalogue;
    }

    /**
     * Counts {@code message}, sent at {@code at}, and returns what it did against {@code limits}.
     *
     * @param staff whether the sender is bound by the staff's rules on rest time: customers and guests in a group are
     *              not; asked only for a message sent in rest time
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Found> observe(String groupId, MessagePosted message, OffsetDateTime at, BehaviourLimits limits,
            BooleanSupplier staff) {
        List<Found> found = new ArrayList<>();
        long now = at.toInstant().toEpochMilli();
        if (!limits.voiceAllowed() && message.kind() == MessageKind.VOICE) {
            found.add(new Found("voice", "BH-4", Severity.LOW, "a voice message where the group takes text only"));
        } else if (message.kind() == MessageKind.VOICE && limits.maxVoiceSeconds() != null
                && message.voiceSeconds() != null && message.voiceSeconds() > limits.maxVoiceSeconds()) {
            found.add(new Found("long-voice", "BH-4", Severity.LOW, "a voice message of " + message.voiceSeconds()
                    + " s, longer than " + limits.maxVoiceSeconds() + " s"));
        }
        boolean rest = limits.restTime() != null && restTime(limits.restTime()).rest(at) && staff.getAsBoolean();
        BehaviourLimits.Marketing marketing = limits.marketing();
        boolean media = marketing != null && marketing.mediaApprovedOnly() && message.mediaHash() != null;
        if (marketing != null && (media || marketing.promotional(message.text())) && staff.getAsBoolean()) {
            found.addAll(marketing(groupId, message, now, marketing, media));
        }
        if (limits.flood() == null && limits.images() == null && !rest) {
            return found;
        }
        Window sender = lock(groupId, message.senderId() == null ? "?" : message.senderId());
        if (rest) {
            found.addAll(restTime(sender, message, now, limits.urgent()));
        }
        sender.lastAt = Math.max(sender.lastAt, now);
        BehaviourLimits.Flood flood = limits.flood();
        if (flood != null) {
            SlidingWindow.Step step = sender.messages().add(now, flood.maxMessages(), flood.per());
            sender.messages(step.window());
            if (step.burstStarts()) {
                found.add(new Found("flood", "BH-1", Severity.LOW, "more than " + flood.maxMessages()
                        + " messages in " + flood.per().toSeconds() + " s"));
            }
            if (flood.fillerRun() != null) {
                sender.fillerRun = Fillers.filler(message) ? sender.fillerRun + 1 : 0;
                if (sender.fillerRun == flood.fillerRun()) {
                    found.add(new Found("filler-run", "BH-1", Severity.LOW, sender.fillerRun
                            + " stickers, emoji, likes or greetings in a row"));
                }
            }
            if (flood.groupMaxMessages() != null || flood.shortRun() != null) {
                found.addAll(groupWide(groupId, message, now, flood));
            }
        }
        BehaviourLimits.Images images = limits.images();
        if (images != null && message.kind() == MessageKind.IMAGE) {
            SlidingWindow.Step step = new SlidingWindow(sender.recentImages, sender.imagesReportedUntil)
                    .add(now, images.maxImages(), images.per());
            sender.recentImages = step.window().recent();
            sender.imagesReportedUntil = step.window().reportedUntil();
            if (step.burstStarts()) {
                found.add(new Found("images", "BH-3", Severity.LOW, "more than " + images.maxImages() + " images in "
                        + images.per().toSeconds() + " s"));
            }
        }
        return found;
    }

    /**
     * BH-2: a message in rest time is a violation unless marked urgent; an urgent one is on record, and more urgent
     * ones in rest time than the policy allows in a week is flagged itself.
     */
    private static List<Found> restTime(Window sender, MessagePosted message, long now, BehaviourLimits.Urgent urgent) {
        if (!urgent.marks(message.text())) {
            return List.of(new Found("quiet-hours", "BH-2", Severity.LOW, "sent in rest time, not marked urgent"));
        }
        List<Found> found = new ArrayList<>();
        found.add(new Found("urgent-in-quiet-hours", "BH-2", Severity.LOW, "marked urgent in rest time"));
        if (urgent.allowancePerWeek() != null) {
            SlidingWindow.Step step = new SlidingWindow(sender.recentUrgent, sender.urgentReportedUntil)
                    .add(now, urgent.allowancePerWeek(), WEEK);
            sender.recentUrgent = step.window().recent();
            sender.urgentReportedUntil = step.window().reportedUntil();
            if (step.burstStarts()) {
                found.add(new Found("urgent-overuse", "BH-2", Severity.LOW, "more than "
                        + urgent.allowancePerWeek() + " urgent messages in rest time in 7 days"));
            }
        }
        return found;
    }

    /**
     * MK-1: a promotional message from staff must be approved content; MK-2: the group takes a bounded number of them
     * a day, one violation when the bound is passed.
     */
    private List<Found> marketing(String groupId, MessagePosted message, long now, BehaviourLimits.Marketing rules,
            boolean media) {
        List<Found> found = new ArrayList<>();
        if (media && !catalogue.approvedMedia(message.mediaHash())) {
            found.add(new Found("unapproved-marketing", "MK-1", Severity.MEDIUM,
                    "an image, video or file the marketing department has not approved"));
        } else if (!media && rules.approvedOnly() && !catalogue.approved(message.text())) {
            found.add(new Found("unapproved-marketing", "MK-1", Severity.MEDIUM,
                    "promotional content the marketing department has not approved"));
        }
        if (rules.maxPerDay() != null) {
            Window group = lock(groupId, "");
            SlidingWindow.Step step = new SlidingWindow(group.recentPromotions, group.promotionsReportedUntil)
                    .add(now, rules.maxPerDay(), DAY);
            group.recentPromotions = step.window().recent();
            group.promotionsReportedUntil = step.window().reportedUntil();
            if (step.burstStarts()) {
                found.add(new Found("marketing-frequency", "MK-2", Severity.LOW, "more than " + rules.maxPerDay()
                        + " promotional messages to the group in 24 hours"));
            }
        }
        return found;
    }

    private WorkingTime restTime(BehaviourLimits.RestTime rest) {
        return new WorkingTime(rest.zone(), rest.from(), rest.until(), rest.daysOff() ? calendar : null);
    }

    /** The group's own window: its message rate, and runs of short messages by one person with nobody between. */
    private List<Found> groupWide(String groupId, MessagePosted message, long now, BehaviourLimits.Flood flood) {
        List<Found> found = new ArrayList<>();
        Window group = lock(groupId, "");
        group.lastAt = Math.max(group.lastAt, now);
        if (flood.groupMaxMessages() != null) {
            SlidingWindow.Step step = group.messages().add(now, flood.groupMaxMessages(), flood.per());
            group.messages(step.window());
            if (step.burstStarts()) {
                found.add(new Found("group-flood", "BH-1", Severity.LOW, "the group passed " + flood.groupMaxMessages()
                        + " messages in " + flood.per().toSeconds() + " s"));
            }
        }
        if (flood.shortRun() != null) {
            boolean sameSender = message.senderId() != null && message.senderId().equals(group.runSender);
            boolean shortText = Fillers.shortText(message, flood.shortLength());
            group.shortRun = !shortText ? 0 : sameSender ? group.shortRun + 1 : 1;
            group.runSender = message.senderId();
            if (group.shortRun == flood.shortRun()) {
                found.add(new Found("short-run", "BH-1", Severity.LOW, group.shortRun
                        + " short messages in a row"));
            }
        }
        return found;
    }

    private Window lock(String groupId, String sender) {
        entities.createNativeQuery("""
                        INSERT INTO behaviour_window (group_id, sender) VALUES (?1, ?2)
                        ON CONFLICT (group_id, sender) DO NOTHING""")
                .setParameter(1, groupId).setParameter(2, sender).executeUpdate();
        return entities.find(Window.class, new Key(groupId, sender), LockModeType.PESSIMISTIC_WRITE);
    }
}
