package io.qunguan.moderation.domain;

import io.qunguan.moderation.config.CurrentLexicon;
import io.qunguan.moderation.engine.Finding;
import io.qunguan.moderation.engine.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The evidence a violation keeps of a finding made outside a message (a breach group-service found, a notice nobody
 * acknowledged, a meeting): its text with the personal data the lexicon finds masked, cut like a message's.
 */
@ApplicationScoped
public class Evidence {

    private final CurrentLexicon lexicon;

    public Evidence(CurrentLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /**
     * {@code text} with what the lexicon finds in it (a phone number in a nickname or a notice) and any long digit
     * run masked.
     */
    public String masked(String text) {
        List<Finding> findings = lexicon.engine().scan(text);
        return ModerationService.truncate(Masking.maskDigitRuns(Masking.mask(text, findings)));
    }
}
