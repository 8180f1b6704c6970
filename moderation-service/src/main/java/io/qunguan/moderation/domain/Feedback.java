package io.qunguan.moderation.domain;

import io.qunguan.moderation.domain.refusal.Refused;
import io.qunguan.moderation.domain.refusal.Refused.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Feedback on how the rules are applied (SV-7): any employee flags a violation they can see (their own, their
 * department's as its head, any for HR) as a false positive, or comments on a rule; HR and auditors read it
 * aggregated per rule and term, with the comments.
 */
@ApplicationScoped
public class Feedback {

    static final int TEXT_LIMIT = 1000;
    private static final Pattern RULE = Pattern.compile("[A-Z]{2}-\\d{1,2}");
    private static final String SELECT = """
            SELECT f.id, f.kind, f.violation_id, f.rule_id, f.term, f.author, f.text, f.given_at FROM feedback f
            """;

    /** One piece of feedback. */
    public record Given(UUID id, String kind, UUID violationId, String ruleId, String term, String author,
            String text, OffsetDateTime givenAt) {
    }

    /** Per rule and term: how often flagged as a false positive, how often commented on, how many violations. */
    public record Tally(String ruleId, String term, long falsePositives, long comments, long violations) {
    }

    private final EntityManager entities;
    private final OffenderHistory history;

    public Feedback(EntityManager entities, OffenderHistory history) {
        this.entities = entities;
        this.history = history;
    }

    /** Flags a violation the author can see as a false positive, with why. */
    @Transactional
    public Given flag(UUID violationId, String text, String author, Collection<String> roles, String department,
            OffsetDateTime now) {
        Violation violation = Violation.findById(violationId);
        boolean visible = violation != null && (roles.contains("hr") || author.equals(violation.employeeId)
                || roles.contains("dept-head") && department != null && violation.employeeId != null
                && history.departmentOf(violation.employeeId).map(department::equals).orElse(false));
        if (!visible) {
            throw new Refused(Kind.NOT_FOUND, "no violation " + violationId + " you can see");
        }
        String term = violation.findings.stream().filter(finding -> violation.ruleId.equals(finding.ruleId()))
                .map(finding -> finding.term()).findFirst().orElse(null);
        String why = Refused.requiredText(text, "text", TEXT_LIMIT);
        int stored = entities.createNativeQuery("""
                        INSERT INTO feedback (id, kind, violation_id, rule_id, term, author, text, given_at)
                        VALUES (?1, 'FALSE_POSITIVE', ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, violationId).setParameter(3, violation.ruleId)
                .setParameter(4, term).setParameter(5, author).setParameter(6, why).setParameter(7, now)
                .executeUpdate();
        if (stored == 0) {
            throw new Refused(Kind.CONFLICT, "you flagged violation " + violationId + " already");
        }
        return latest(author, violationId).orElseThrow();
    }

    /** A comment on a rule (CT-4, BH-5 …) by any employee. */
    @Transactional
    public Given comment(String ruleId, String text, String author, OffsetDateTime now) {
        if (ruleId == null || !RULE.matcher(ruleId).matches()) {
            throw new Refused(Kind.UNPROCESSABLE, "ruleId names a rule of the policies, such as CT-4 or BH-5");
        }
        String said = Refused.requiredText(text, "text", TEXT_LIMIT);
        UUID id = UUID.randomUUID();
        entities.createNativeQuery("""
                        INSERT INTO feedback (id, kind, rule_id, author, text, given_at)
                        VALUES (?1, 'COMMENT', ?2, ?3, ?4, ?5)""")
                .setParameter(1, id).setParameter(2, ruleId).setParameter(3, author).setParameter(4, said)
                .setParameter(5, now).executeUpdate();
        return list("f.id = ?1", id, 1).getFirst();
    }

    /** Feedback per rule and term since {@code since}, most flagged first, with the violations of each. */
    @Transactional
    public List<Tally> tally(OffsetDateTime since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("""
                        SELECT f.rule_id, f.term,
                               count(*) FILTER (WHERE f.kind = 'FALSE_POSITIVE'),
                               count(*) FILTER (WHERE f.kind = 'COMMENT'),
                               (SELECT count(*) FROM violation v WHERE v.rule_id = f.rule_id AND v.opened_at >= ?1)
                        FROM feedback f WHERE f.given_at >= ?1
                        GROUP BY f.rule_id, f.term
                        ORDER BY 3 DESC, 4 DESC, 1, 2""")
                .setParameter(1, since).getResultList();
        return rows.stream().map(row -> new Tally((String) row[0], (String) row[1], ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue(), ((Number) row[4]).longValue())).toList();
    }

    /** The feedback on one rule, newest first. */
    @Transactional
    public List<Given> onRule(String ruleId, int limit) {
        return list("f.rule_id = ?1", ruleId, limit);
    }

    private Optional<Given> latest(String author, UUID violationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(SELECT + """
                        WHERE f.author = ?1 AND f.violation_id = ?2 AND f.kind = 'FALSE_POSITIVE'""")
                .setParameter(1, author).setParameter(2, violationId).getResultList();
        return rows.stream().findFirst().map(Feedback::given);
    }

    private List<Given> list(String where, Object value, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(SELECT + " WHERE " + where
                        + " ORDER BY f.given_at DESC LIMIT ?2")
                .setParameter(1, value).setParameter(2, limit).getResultList();
        return rows.stream().map(Feedback::given).toList();
    }

    private static Given given(Object[] row) {
        return new Given((UUID) row[0], (String) row[1], (UUID) row[2], (String) row[3], (String) row[4],
                (String) row[5], (String) row[6], Deadlines.time(row[7]));
    }
}
