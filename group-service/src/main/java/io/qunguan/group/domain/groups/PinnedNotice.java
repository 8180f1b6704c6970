package io.qunguan.group.domain.groups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/** An important notice pinned so it reaches everyone (GL-10). */
@Entity
@Table(name = "pinned_notice")
public class PinnedNotice extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "group_id")
    public String groupId;
    public String text;
    @Column(name = "pinned_by")
    public String pinnedBy;
    @Column(name = "pinned_at")
    public OffsetDateTime pinnedAt;
    @Column(name = "unpinned_at")
    public OffsetDateTime unpinnedAt;

    static List<PinnedNotice> pinned(String groupId) {
        return list("groupId = ?1 and unpinnedAt is null order by pinnedAt desc", groupId);
    }
}
