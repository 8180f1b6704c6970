package io.qunguan.moderation.domain.behaviour;

import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Behaviour over time in a group (BH-1 flooding, BH-3 images, BH-4 voice), judged message by message against the
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
     *                 {@code filler-run}, {@code images}, {@code voice}
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

    private final EntityManager entities;

    public Behaviour(EntityManager entities) {
        this.entities = entities;
    }

    /** Counts {@code message}, sent at {@code at}, and returns what it did against {@code limits}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Found> observe(String groupId, MessagePosted message, OffsetDateTime at, BehaviourLimits limits) {
        List<Found> found = new ArrayList<>();
        long now = at.toInstant().toEpochMilli();
        if (!limits.voiceAllowed() && message.kind() == MessageKind.VOICE) {
            found.add(new Found("voice", "BH-4", Severity.LOW, "a voice message where the group takes text only"));
        }
        if (limits.flood() == null && limits.images() == null) {
            return found;
        }
        Window sender = lock(groupId, message.senderId() == null ? "?" : message.senderId());
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
