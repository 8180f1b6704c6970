package io.qunguan.moderation.domain;

import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.moderation.domain.policy.ContentAction;
import io.qunguan.moderation.domain.policy.Ladder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;

/**
 * Numbers a person's offences and picks their rung (SV-2). One person's offences in several groups arrive on several
 * partitions, perhaps at several instances at once: numbering takes a transaction-scoped lock on the person, so two
 * offences never get the same number (and so never the same rung by a race). Offences are numbered in the order they
 * are judged: one that arrives late with an earlier time still counts as the later offence, not as a second first.
 */
@ApplicationScoped
public class Offences {

    /** An offence's number within the repeat window (0 when only recorded) and its sanction (null then). */
    public record Decision(int offence, Sanction sanction) {

        static final Decision RECORDED = new Decision(0, null);
    }

    private final EntityManager entities;

    public Offences(EntityManager entities) {
        this.entities = entities;
    }

    /** Decides an offence of {@code offender} at {@code at}: a recorded violation is no offence. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Decision decide(String offender, ContentAction action, Severity severity, Ladder ladder,
            OffsetDateTime at) {
        if (!action.sanctioned()) {
            return Decision.RECORDED;
        }
        entities.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))").setParameter(1, offender)
                .getSingleResult();
        int offence = Violation.offencesSince(offender, at.minus(ladder.repeatWindow())) + 1;
        return new Decision(offence, action.mode() == ContentAction.Mode.FIXED ? action.fixed()
                : ladder.rungFor(severity, offence));
    }
}
