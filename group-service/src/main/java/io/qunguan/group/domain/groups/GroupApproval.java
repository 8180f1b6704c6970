package io.qunguan.group.domain.groups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;

/** One decision of a group's approval chain (GL-2), in one round of requesting. */
@Entity
@Table(name = "group_approval")
public class GroupApproval extends PanacheEntityBase {

    /** The group, the round and the step. */
    @Embeddable
    public record Key(@Column(name = "group_id") String groupId, int round, int step) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public String label;
    @Column(name = "decided_by")
    public String decidedBy;
    public boolean approved;
    public String reason;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    static List<GroupApproval> of(String groupId) {
        return list("key.groupId = ?1 order by key.round, key.step", groupId);
    }
}
