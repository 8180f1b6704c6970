package io.qunguan.notification.domain.meetings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A meeting as its notice stated it (MT-1), and its minutes (MT-2). */
@Entity
public class Meeting extends PanacheEntityBase {

    /** Where the meeting was noticed. */
    public enum Source { CHAT, REST }

    @Id
    public UUID id;
    @Column(name = "group_id")
    public String groupId;
    @Column(name = "chat_key")
    public String chatKey;
    @Column(name = "message_id")
    public String messageId;
    @Enumerated(EnumType.STRING)
    public Source source;
    /** The organiser's {@code <platform>:<userId>} in the chat, when noticed there. */
    @Column(name = "organiser_member")
    public String organiserMember;
    @Column(name = "organiser_employee")
    public String organiserEmployee;
    public String topic;
    public String place;
    public String agenda;
    @Column(name = "starts_at")
    public OffsetDateTime startsAt;
    @Column(name = "ends_at")
    public OffsetDateTime endsAt;
    @Column(name = "noticed_at")
    public OffsetDateTime noticedAt;
    /** What its notice got wrong (MT-1): empty for a notice in time with every part. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> problems;
    @Column(name = "minutes_due_at")
    public OffsetDateTime minutesDueAt;
    public String minutes;
    @Column(name = "minutes_at")
    public OffsetDateTime minutesAt;
}
