package io.qunguan.reporting.domain.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.qunguan.events.EventJson;
import io.qunguan.events.Severity;
import io.qunguan.reporting.domain.archive.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The weights of the assessment (SV-3), which HR sets: points off 100 per standing violation by severity, per missed
 * deadline, per 100 yuan of fines. Versioned and effective from a date; a version is never changed, a new one
 * replaces it from its date, and a period is scored by the version in effect on its first day.
 */
@ApplicationScoped
public class Weights {

    /** What each part weighs. */
    public record Terms(Map<String, Double> severity, double missedDeadline, double perHundredYuan) {

        public Terms {
            severity = severity == null ? Map.of() : Map.copyOf(severity);
        }

        /** What is wrong with these terms; empty when they may be saved. */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            for (Severity level : Severity.values()) {
                Double points = severity.get(level.name());
                if (points == null || points < 0) {
                    problems.add("severity." + level + " needs points of 0 or more");
                }
            }
            severity.keySet().stream().filter(key -> Arrays.stream(Severity.values())
                    .noneMatch(level -> level.name().equals(key)))
                    .forEach(key -> problems.add("severity names an unknown severity " + key));
            if (missedDeadline < 0 || perHundredYuan < 0) {
                problems.add("missedDeadline and perHundredYuan are 0 or more");
            }
            return problems;
        }

        /** 100 less the points of these figures, never below 0, to one decimal. */
        public double score(Map<String, Long> bySeverity, long missed, long finesYuan) {
            double points = bySeverity.entrySet().stream()
                    .mapToDouble(entry -> severity.getOrDefault(entry.getKey(), 0.0) * entry.getValue()).sum()
                    + missedDeadline * missed + perHundredYuan * finesYuan / 100.0;
            return Math.max(0, Math.round((100 - points) * 10) / 10.0);
        }
    }

    /** A version of the weights. */
    public record Version(int version, LocalDate effectiveFrom, Terms weights, String reason, String createdBy,
            OffsetDateTime createdAt) {
    }

    /** Terms that cannot be saved, with every reason. */
    public static final class Invalid extends RuntimeException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final EntityManager entities;

    public Weights(EntityManager entities) {
        this.entities = entities;
    }

    /** Every version, newest first. */
    @Transactional
    public List<Version> versions() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(SELECT + " ORDER BY version DESC").getResultList();
        return rows.stream().map(Weights::version).toList();
    }

    /** The version in effect on {@code day}: the newest of those effective by then. */
    @Transactional
    public Version inEffectOn(LocalDate day) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(SELECT
                        + " WHERE effective_from <= ?1 ORDER BY effective_from DESC, version DESC LIMIT 1")
                .setParameter(1, day).getResultList();
        return rows.stream().findFirst().map(Weights::version)
                .orElseThrow(() -> new IllegalStateException("no assessment weights in effect on " + day));
    }

    /** Saves new terms as the next version, effective from {@code effectiveFrom}. */
    @Transactional
    public Version propose(Terms terms, LocalDate effectiveFrom, String reason, String by) {
        List<String> problems = new ArrayList<>(terms == null ? List.of("weights are required") : terms.problems());
        if (effectiveFrom == null) {
            problems.add("effectiveFrom (a date) is required");
        }
        if (reason == null || reason.isBlank()) {
            problems.add("a reason is required");
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        // one writer at a time takes the next number
        entities.createNativeQuery("LOCK TABLE assessment_weights IN SHARE ROW EXCLUSIVE MODE").executeUpdate();
        int version = ((Number) entities.createNativeQuery("SELECT max(version) + 1 FROM assessment_weights")
                .getSingleResult()).intValue();
        try {
            entities.createNativeQuery("""
                            INSERT INTO assessment_weights (version, effective_from, weights, reason, created_by)
                            VALUES (?1, ?2, CAST(?3 AS jsonb), ?4, ?5)""")
                    .setParameter(1, version).setParameter(2, effectiveFrom)
                    .setParameter(3, EventJson.MAPPER.writeValueAsString(terms)).setParameter(4, reason.strip())
                    .setParameter(5, by).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return versions().stream().filter(found -> found.version() == version).findFirst().orElseThrow();
    }

    private static final String SELECT = """
            SELECT version, effective_from, CAST(weights AS text), reason, created_by, created_at
            FROM assessment_weights""";

    private static Version version(Object[] row) {
        try {
            return new Version(((Number) row[0]).intValue(), row[1] instanceof java.sql.Date date ? date.toLocalDate()
                    : (LocalDate) row[1], EventJson.MAPPER.readValue((String) row[2], Terms.class), (String) row[3],
                    (String) row[4], Times.of(row[5]));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable assessment weights " + row[0], e);
        }
    }
}
