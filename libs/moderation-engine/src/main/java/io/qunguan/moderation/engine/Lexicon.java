package io.qunguan.moderation.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * A lexicon directory, read and validated.
 *
 * <ul>
 *   <li>{@code lexicon.properties}: {@code categories=a,b,…}, then {@code <category>.rule} and
 *       {@code <category>.severity} for each, and optionally the rule/severity of each built-in detector
 *       ({@code <detector>.rule}, {@code <detector>.severity}; detectors: {@link #DETECTORS}).</li>
 *   <li>{@code <category>.txt}: one term per line; {@code #} starts a comment; a leading {@code !} marks a
 *       high-risk term, also matched by its pinyin and its sound-alike characters.</li>
 *   <li>Optional: {@code allow.txt} (allowed phrases), {@code words.txt} (ordinary words a term must not
 *       be cut out of), {@code handles.txt} and {@code promotions.txt} (contact handles and promotion words,
 *       flagged in combination only), {@code work-words.txt} (words that make a message work: a CT-1
 *       hit in a message with one is not off-topic), {@code domains.txt} (blocked domains, subdomains included),
 *       {@code shorteners.txt} (link shorteners).</li>
 * </ul>
 */
record Lexicon(List<Category> categories, List<Entry> entries, List<String> allowed, List<String> words,
        List<String> handles, List<String> promotions, List<String> workWords, List<String> blockedDomains,
        List<String> shorteners, Map<String, Category> detectors) {

    /** The duty whose hits stand only in a message without work words (CT-1, work focus). */
    static final String WORK_FOCUS = "CT-1";

    /** A category: its name, POLICIES.md duty and severity. */
    record Category(String name, String ruleId, String severity) {
    }

    /** A term as written in its file. */
    record Entry(String text, int category, boolean highRisk) {
    }

    static final String RESIDENT_ID = "resident-id";
    static final String PHONE = "phone";
    static final String BANK_CARD = "bank-card";
    static final String EMAIL = "email";
    static final String LINK_BLOCKED = "link-blocked";
    static final String LINK_UNVERIFIABLE = "link-unverifiable";
    static final String LINK_EXECUTABLE = "link-executable";
    static final String CONTACT = "contact";
    static final List<String> DETECTORS =
            List.of(RESIDENT_ID, PHONE, BANK_CARD, EMAIL, LINK_BLOCKED, LINK_UNVERIFIABLE, LINK_EXECUTABLE, CONTACT);
    private static final Map<String, Category> DETECTOR_DEFAULTS = Map.of(
            RESIDENT_ID, new Category(RESIDENT_ID, "CT-4", "HIGH"),
            PHONE, new Category(PHONE, "CT-4", "MEDIUM"),
            BANK_CARD, new Category(BANK_CARD, "CT-4", "HIGH"),
            EMAIL, new Category(EMAIL, "CT-4", "LOW"),
            LINK_BLOCKED, new Category(LINK_BLOCKED, "CT-6", "HIGH"),
            LINK_UNVERIFIABLE, new Category(LINK_UNVERIFIABLE, "CT-6", "LOW"),
            LINK_EXECUTABLE, new Category(LINK_EXECUTABLE, "CT-6", "MEDIUM"),
            CONTACT, new Category("ads", "CT-6", "MEDIUM"));
    private static final Set<String> SEVERITIES = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    static final String SHOPPING_FILE = "shopping.txt";
    static final String CONTEXT_FILE = "context.txt";

    /** The optional files beside lexicon.properties and the categories' own files. */
    private static final List<String> SHARED_FILES = List.of("allow.txt", "words.txt", "handles.txt",
            "promotions.txt", "work-words.txt", "domains.txt", "shorteners.txt", SHOPPING_FILE, CONTEXT_FILE);

    /**
     * What a lexicon has beside the files {@link #read} reads: {@code shopping.txt} (shopping words: with a
     * handle or a number, two of them, or one and a promotion word, are traffic diversion) and
     * {@code context.txt} (lines {@code category: word word …}: words that make a two-syllable pinyin of that
     * category's high-risk terms plain, {@code dubo} beside {@code 赔率}).
     */
    record Extras(List<String> shopping, Map<String, List<String>> context) {
    }

    /** Reads {@code shopping.txt} and {@code context.txt}; both optional. */
    static Extras readExtras(Function<String, InputStream> files) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (String line : lines(files, CONTEXT_FILE, false)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(CONTEXT_FILE + ": '" + line + "' is not 'category: word word …'");
            }
            List<String> words = context.computeIfAbsent(line.substring(0, colon).strip(), c -> new ArrayList<>());
            for (String word : line.substring(colon + 1).split("[\\s,，]+")) {
                if (!word.isBlank()) {
                    words.add(word.strip());
                }
            }
        }
        return new Extras(lines(files, SHOPPING_FILE, false), context);
    }

    /** The names of every file a lexicon may have: lexicon.properties, a file per category, the shared ones. */
    static List<String> fileNames(Function<String, InputStream> files) {
        List<String> names = new ArrayList<>(List.of("lexicon.properties"));
        for (String category : properties(files).getProperty("categories", "").split(",")) {
            if (!category.isBlank()) {
                names.add(category.strip() + ".txt");
            }
        }
        names.addAll(SHARED_FILES);
        return names;
    }

    private static Properties properties(Function<String, InputStream> files) {
        Properties properties = new Properties();
        try (InputStream in = files.apply("lexicon.properties")) {
            if (in == null) {
                throw new IllegalArgumentException("lexicon.properties is missing");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Reads a lexicon; {@code files} opens a file by name or returns {@code null} when it is absent. */
    static Lexicon read(Function<String, InputStream> files) {
        Properties properties = properties(files);
        List<Category> categories = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (String name : properties.getProperty("categories", "").split(",")) {
            name = name.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("category name '" + name + "' must be lower-case letters, digits, '-'");
            }
            categories.add(new Category(name, required(properties, name + ".rule"),
                    severity(properties, name + ".severity")));
            List<String> lines = lines(files, name + ".txt", true);
            for (String line : lines) {
                boolean highRisk = line.startsWith("!");
                String text = highRisk ? line.substring(1).strip() : line;
                if (!CharFolding.foldTerm(text).isEmpty()) {
                    entries.add(new Entry(text, categories.size() - 1, highRisk));
                }
            }
        }
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("lexicon.properties names no categories");
        }
        Map<String, Category> detectors = new LinkedHashMap<>();
        for (String detector : DETECTORS) {
            Category fallback = DETECTOR_DEFAULTS.get(detector);
            String category = properties.getProperty(detector + ".category", fallback.name()).strip();
            String rule = properties.getProperty(detector + ".rule", fallback.ruleId()).strip();
            String severity = properties.containsKey(detector + ".severity")
                    ? severity(properties, detector + ".severity") : fallback.severity();
            detectors.put(detector, new Category(category, rule, severity));
        }
        return new Lexicon(categories, entries, lines(files, "allow.txt", false), lines(files, "words.txt", false),
                lines(files, "handles.txt", false), lines(files, "promotions.txt", false),
                lines(files, "work-words.txt", false),
                lines(files, "domains.txt", false).stream().map(d -> d.toLowerCase(Locale.ROOT)).toList(),
                lines(files, "shorteners.txt", false).stream().map(d -> d.toLowerCase(Locale.ROOT)).toList(),
                detectors);
    }

    private static List<String> lines(Function<String, InputStream> files, String name, boolean required) {
        try (InputStream in = files.apply(name)) {
            if (in == null) {
                if (required) {
                    throw new IllegalArgumentException(name + " is missing");
                }
                return List.of();
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String stripped = line.strip();
                if (stripped.startsWith("\uFEFF")) {
                    stripped = stripped.substring(1);
                }
                if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                    lines.add(stripped);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("lexicon.properties lacks " + key);
        }
        return value.strip();
    }

    private static String severity(Properties properties, String key) {
        String value = required(properties, key).toUpperCase(Locale.ROOT);
        if (!SEVERITIES.contains(value)) {
            throw new IllegalArgumentException(key + "=" + value + " is not one of " + SEVERITIES);
        }
        return value;
    }
}
