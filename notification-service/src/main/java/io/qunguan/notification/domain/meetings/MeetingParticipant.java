package io.qunguan.notification.domain.meetings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;

/** Someone a meeting's notice, reminder and minutes go to. */
@Entity
@Table(name = "meeting_participant")
public class MeetingParticipant extends PanacheEntityBase {

    /** A meeting and a participant ({@code <platform>:<userId>}, or {@code employee:<id>}). */
    @Embeddable
    public record Key(@Column(name = "meeting_id") UUID meetingId, String member) {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "employee_id")
    public String employeeId;

    public static List<MeetingParticipant> of(UUID meetingId) {
        return list("key.meetingId = ?1 order by key.member", meetingId);
    }
}
