package io.qunguan.group.domain.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A type of group in the catalogue (GL-7); it exists from the approval of its first policy version. */
@Entity
@Table(name = "group_type")
public class GroupType extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String description;
    @Column(name = "effective_version")
    public int effectiveVersion;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
