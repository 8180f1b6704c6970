package io.qunguan.moderation.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.Severity;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * When a sanctioned violation goes to management (SV-8): always for {@code severities} and {@code rules}, and at every
 * {@code offences}-th offence of one person within {@code within}.
 *
 * @param offences null when counting does not escalate
 */
public record Escalation(Set<Severity> severities, Set<String> rules, Integer offences, Duration within) {

    /** Without a policy: critical violations only. */
    public static final Escalation DEFAULT = new Escalation(EnumSet.of(Severity.CRITICAL), Set.of(), null,
            Duration.ofDays(30));

    public Escalation {
        severities = severities.isEmpty() ? Set.of() : Set.copyOf(severities);
        rules = Set.copyOf(rules);
    }

    /** Reads {@code moderation.escalation}; the default when absent. */
    static Escalation read(JsonNode escalation) {
        if (!escalation.isObject()) {
            return DEFAULT;
        }
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        escalation.path("severities").forEach(severity -> {
            try {
                severities.add(Severity.valueOf(severity.asText().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("moderation.escalation.severities: " + severity.asText()
                        + " is not LOW, MEDIUM, HIGH or CRITICAL");
            }
        });
        Set<String> rules = new HashSet<>();
        escalation.path("rules").forEach(rule -> rules.add(rule.asText()));
        Integer offences = escalation.hasNonNull("offences") ? escalation.get("offences").asInt() : null;
        int days = escalation.path("withinDays").asInt(30);
        if (offences != null && offences <= 0 || days <= 0) {
            throw new IllegalArgumentException("moderation.escalation.offences and withinDays must be positive");
        }
        return new Escalation(severities, rules, offences, Duration.ofDays(days));
    }
}
