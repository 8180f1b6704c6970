package io.qunguan.moderation.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * Scans message text for lexicon terms and personal data. Immutable and thread-safe once built; a new
 * lexicon means a new engine, swapped by the caller.
 *
 * <p>This first version matches lexicon terms case-insensitively as written; normalisation against
 * evasions is not here yet.
 */
public final class ModerationEngine {

    private record Term(String text, String category, String ruleId, String severity) {
    }

    private final List<Term> terms;
    private final String residentIdRule;
    private final String residentIdSeverity;

    private ModerationEngine(List<Term> terms, String residentIdRule, String residentIdSeverity) {
        this.terms = List.copyOf(terms);
        this.residentIdRule = residentIdRule;
        this.residentIdSeverity = residentIdSeverity;
    }

    /** Loads a lexicon directory: {@code lexicon.properties} and one {@code <category>.txt} per category. */
    public static ModerationEngine load(Path lexiconDir) {
        return build(name -> {
            try {
                Path file = lexiconDir.resolve(name);
                return Files.exists(file) ? Files.newInputStream(file) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The starter lexicon shipped with the engine. */
    public static ModerationEngine starter() {
        return build(name -> ModerationEngine.class.getResourceAsStream("lexicon/" + name));
    }

    private static ModerationEngine build(Function<String, InputStream> files) {
        Properties properties = new Properties();
        try (InputStream in = files.apply("lexicon.properties")) {
            if (in == null) {
                throw new IllegalArgumentException("lexicon.properties missing");
            }
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            List<Term> terms = new ArrayList<>();
            for (String category : properties.getProperty("categories", "").split(",")) {
                category = category.trim();
                if (category.isEmpty()) {
                    continue;
                }
                String rule = required(properties, category + ".rule");
                String severity = required(properties, category + ".severity");
                try (InputStream termsIn = files.apply(category + ".txt")) {
                    if (termsIn == null) {
                        throw new IllegalArgumentException(category + ".txt missing");
                    }
                    for (String line : new String(termsIn.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        String term = line.strip();
                        if (!term.isEmpty() && !term.startsWith("#")) {
                            terms.add(new Term(term.toLowerCase(Locale.ROOT), category, rule, severity));
                        }
                    }
                }
            }
            return new ModerationEngine(terms, properties.getProperty("resident-id.rule", "CT-4"),
                    properties.getProperty("resident-id.severity", "HIGH"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("lexicon.properties lacks " + key);
        }
        return value.trim();
    }

    /** Every finding in {@code text}, ordered by position. */
    public List<Finding> scan(CharSequence text) {
        List<Finding> findings = new ArrayList<>();
        String folded = text.toString().toLowerCase(Locale.ROOT);
        for (Term term : terms) {
            int at = folded.indexOf(term.text());
            while (at >= 0) {
                findings.add(new Finding(term.category(), term.ruleId(), term.severity(), at,
                        at + term.text().length(), term.text()));
                at = folded.indexOf(term.text(), at + term.text().length());
            }
        }
        ResidentIdDetector.scan(text, span -> findings.add(new Finding(ResidentIdDetector.CATEGORY,
                residentIdRule, residentIdSeverity, span[0], span[1], ResidentIdDetector.CATEGORY)));
        findings.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
        return findings;
    }
}
