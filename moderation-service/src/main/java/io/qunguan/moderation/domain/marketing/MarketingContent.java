package io.qunguan.moderation.domain.marketing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Marketing content submitted for customer groups (MK-1): its text (as a fingerprint that survives spacing and
 * punctuation) or the hash of an image or file, who proposed it and who of the marketing department approved it.
 */
@Entity
@Table(name = "marketing_content")
public class MarketingContent extends PanacheEntityBase {

    public enum Status { PROPOSED, APPROVED, REJECTED, WITHDRAWN }

    @Id
    public UUID id;
    public String title;
    public String text;
    /** SHA-256 of the text's letters and digits, lower case: what a posted message is matched by. */
    public String fingerprint;
    /** SHA-256 of an image or file, as the marketing department computed it. */
    @Column(name = "content_hash")
    public String contentHash;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "proposed_by")
    public String proposedBy;
    @Column(name = "proposed_at")
    public OffsetDateTime proposedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
    public String reason;
}
