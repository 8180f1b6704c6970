package io.qunguan.moderation.domain.marketing;

import io.quarkus.panache.common.Sort;
import io.qunguan.moderation.domain.refusal.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The marketing content approved for customer groups (MK-1): proposed by someone of the marketing department, approved
 * or rejected by another (four eyes), matched against what staff post.
 */
@ApplicationScoped
public class MarketingCatalogue {

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    @Transactional
    public MarketingContent propose(String title, String text, String contentHash, String proposer) {
        if (title == null || title.isBlank()) {
            throw new Refused(Refused.Kind.INVALID, "title is required");
        }
        boolean hasText = text != null && !text.isBlank();
        String hash = contentHash == null ? null : contentHash.strip().toLowerCase(Locale.ROOT);
        if (!hasText && hash == null) {
            throw new Refused(Refused.Kind.INVALID, "text or contentHash (SHA-256 of the image or file) is required");
        }
        if (hash != null && !SHA_256.matcher(hash).matches()) {
            throw new Refused(Refused.Kind.INVALID, "contentHash must be 64 hexadecimal characters (SHA-256)");
        }
        if (hasText && text.length() > 4000) {
            throw new Refused(Refused.Kind.INVALID, "text is longer than 4,000 characters");
        }
        MarketingContent content = new MarketingContent();
        content.id = UUID.randomUUID();
        content.title = title.strip();
        content.text = hasText ? text : null;
        content.fingerprint = hasText ? Fingerprints.of(text) : null;
        content.contentHash = hash;
        content.status = MarketingContent.Status.PROPOSED;
        content.proposedBy = proposer;
        content.proposedAt = OffsetDateTime.now(ZoneOffset.UTC);
        content.persist();
        return content;
    }

    /** Approves or rejects a proposal; never by its proposer. */
    @Transactional
    public MarketingContent decide(UUID id, boolean approve, String reason, String decider) {
        MarketingContent content = MarketingContent.findById(id);
        if (content == null) {
            throw new Refused(Refused.Kind.NOT_FOUND, "no marketing content " + id);
        }
        if (content.proposedBy.equals(decider)) {
            throw new Refused(Refused.Kind.FORBIDDEN, "the proposer may not decide their own content: a second person "
                    + "of the marketing department does");
        }
        if (content.status != MarketingContent.Status.PROPOSED) {
            throw new Refused(Refused.Kind.CONFLICT, "content " + id + " is already " + content.status);
        }
        content.status = approve ? MarketingContent.Status.APPROVED : MarketingContent.Status.REJECTED;
        content.decidedBy = decider;
        content.decidedAt = OffsetDateTime.now(ZoneOffset.UTC);
        content.reason = reason;
        return content;
    }

    @Transactional
    public List<MarketingContent> list(MarketingContent.Status status) {
        return status == null ? MarketingContent.listAll(Sort.descending("proposedAt"))
                : MarketingContent.list("status", Sort.descending("proposedAt"), status);
    }

    /** Whether the image, video or file of SHA-256 {@code hash} is approved content. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean approvedMedia(String hash) {
        return MarketingContent.count("contentHash = ?1 and status = ?2", hash.toLowerCase(Locale.ROOT),
                MarketingContent.Status.APPROVED) > 0;
    }

    /** Whether {@code text} is approved content, whatever its spacing and punctuation. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean approved(String text) {
        return MarketingContent.count("fingerprint = ?1 and status = ?2", Fingerprints.of(text),
                MarketingContent.Status.APPROVED) > 0;
    }
}
