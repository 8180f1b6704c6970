package io.qunguan.notification.domain.notices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.qute.Engine;
import io.qunguan.events.Language;
import io.qunguan.events.Sanction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every notice kind has a template in every language, each renders strictly with exactly the kind's parameters
 * (a misspelt parameter fails here, not in production), and gives a subject line and a body.
 */
class NoticeTemplatesTest {

    private final Engine engine = Engine.builder().addDefaults().strictRendering(true).build();

    @Test
    void everyKindHasATemplateInEveryLanguageThatRendersWithItsParameters() throws IOException {
        List<String> missing = new ArrayList<>();
        for (NoticeKind kind : NoticeKind.values()) {
            for (Language language : Language.values()) {
                String id = NoticeTemplates.id(kind, language);
                try (InputStream template = getClass().getClassLoader().getResourceAsStream("templates/" + id)) {
                    if (template == null) {
                        missing.add(id);
                        continue;
                    }
                    Map<String, String> params = new LinkedHashMap<>();
                    kind.params().forEach(name -> params.put(name, "«" + name + "»"));
                    String text = engine.parse(new String(template.readAllBytes(), StandardCharsets.UTF_8))
                            .data("p", params).render().strip();
                    assertTrue(text.indexOf('\n') > 0, id + " has a subject line and a body: " + text);
                    assertFalse(text.substring(0, text.indexOf('\n')).isBlank(), id + " has a subject");
                    // the values that identify a notice reach the reader in every language
                    for (String name : List.of("ruleId", "groupId", "name", "reason", "sanction", "detail")) {
                        if (kind.params().contains(name)) {
                            assertTrue(text.contains("«" + name + "»"), id + " shows " + name + ": " + text);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "templates missing");
    }

    /** SV-2: every sanction reads as words in every language, with a mute's duration and a fine's amount. */
    @Test
    void everySanctionIsSpelledOutInEveryLanguage() throws IOException {
        List<String> sanctions = new ArrayList<>(List.of("NONE"));
        for (Sanction.Kind kind : Sanction.Kind.values()) {
            sanctions.add(kind.name());
        }
        for (Language language : Language.values()) {
            String id = "templates/" + NoticeTemplates.id(NoticeKind.VIOLATION, language);
            try (InputStream template = getClass().getClassLoader().getResourceAsStream(id)) {
                assertNotNull(template, id);
                var parsed = engine.parse(new String(template.readAllBytes(), StandardCharsets.UTF_8));
                List<String> lines = new ArrayList<>();
                for (String sanction : sanctions) {
                    Map<String, String> params = new LinkedHashMap<>();
                    NoticeKind.VIOLATION.params().forEach(name -> params.put(name, ""));
                    params.putAll(Map.of("sanction", sanction, "minutes", "45", "yuan", "200"));
                    String line = parsed.data("p", params).render().lines().skip(2).findFirst().orElseThrow();
                    assertFalse(line.contains(sanction), id + " spells out " + sanction + ": " + line);
                    lines.add(line);
                }
                assertTrue(lines.get(sanctions.indexOf("MUTE")).contains("45"), id + " gives the mute's minutes");
                assertTrue(lines.get(sanctions.indexOf("FINE")).contains("200"), id + " gives the fine's amount");
                assertEquals(sanctions.size(), lines.stream().distinct().count(), id + ": " + lines);
            }
        }
    }

    @Test
    void everyLanguageHasADigestTemplateThatListsItsItems() throws IOException {
        for (Language language : Language.values()) {
            String id = "templates/notices/digest." + language.tag() + ".txt";
            try (InputStream template = getClass().getClassLoader().getResourceAsStream(id)) {
                assertNotNull(template, id);
                String text = engine.parse(new String(template.readAllBytes(), StandardCharsets.UTF_8))
                        .data("p", Map.of("count", "3", "items", "· a\n· b\n· c")).render().strip();
                assertTrue(text.substring(0, text.indexOf('\n')).contains("3"), id + ": " + text);
                assertTrue(text.endsWith("· c"), id + ": " + text);
            }
        }
    }

    @Test
    void aTemplateReadingAParameterItsKindDoesNotCarryFailsToRender() {
        Map<String, String> params = new LinkedHashMap<>();
        NoticeKind.GROUP_DISSOLVED.params().forEach(name -> params.put(name, "x"));
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> engine.parse("{p.name} {p.sanction}").data("p", params).render());
        assertNotNull(failure.getMessage());
    }
}
