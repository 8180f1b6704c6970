package io.qunguan.group.domain.groups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A group's announcement (GL-6): purpose, main functions, member composition, rules and the owner's contact. */
@Entity
@Table(name = "group_announcement")
public class Announcement extends PanacheEntityBase {

    @Id
    @Column(name = "group_id")
    public String groupId;
    public String purpose;
    public String functions;
    @Column(name = "member_composition")
    public String memberComposition;
    public String rules;
    @Column(name = "owner_contact")
    public String ownerContact;
    @Column(name = "published_by")
    public String publishedBy;
    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
}
