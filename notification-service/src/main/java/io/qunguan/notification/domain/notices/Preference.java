package io.qunguan.notification.domain.notices;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A person's channels for one kind of notice, in the order they are tried. */
@Entity
public class Preference extends PanacheEntityBase {

    /** Whose and which kind. */
    @Embeddable
    public record Key(@Column(name = "employee_id") String employeeId, String kind) {
    }

    @EmbeddedId
    public Key key;
    /** Comma-separated {@link Channel} names. */
    public String channels;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    List<Channel> channelList() {
        return Arrays.stream(channels.split(",")).map(Channel::valueOf).toList();
    }
}
