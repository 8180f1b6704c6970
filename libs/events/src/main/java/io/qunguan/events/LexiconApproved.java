package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A lexicon version approved (CT-*, SV-9): proposed by one person, dry-run on a sample, approved by a second. Every
 * moderation-service instance reads it and swaps its engine to the version, so a change takes effect everywhere within
 * seconds; the version's files stay in moderation-service's database.
 *
 * @param basedOn the version it changed
 * @param summary why it was proposed
 */
public record LexiconApproved(int version, int basedOn, String summary, String proposedBy, String approvedBy,
        OffsetDateTime approvedAt) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.LexiconApproved";

    public LexiconApproved {
        Objects.requireNonNull(approvedBy, "approvedBy");
    }

    /** One key for every version: the topic keeps them in order. */
    @Override
    public String subject() {
        return "lexicon";
    }
}
