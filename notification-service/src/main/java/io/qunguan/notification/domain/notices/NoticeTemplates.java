package io.qunguan.notification.domain.notices;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.qunguan.events.Language;
import io.qunguan.notification.domain.directory.Person;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Renders notices from their Qute templates, {@code templates/notices/<KIND>.<language>.txt}: the first line is the
 * subject, the rest the body; parameters are read as {@code p.<name>}.
 */
@ApplicationScoped
public class NoticeTemplates {

    /** A rendered notice. */
    public record Rendered(String subject, String body) {

        /** Subject and body as one IM message. */
        public String asMessage() {
            return subject + "\n" + body;
        }
    }

    private final Engine engine;
    private final Language defaultLanguage;

    public NoticeTemplates(Engine engine, NoticeSettings settings) {
        this.engine = engine;
        this.defaultLanguage = Language.of(settings.defaultLanguage());
    }

    /** @throws IllegalStateException when {@code kind} has no template in {@code language} */
    public Rendered render(NoticeKind kind, Language language, Map<String, String> params) {
        Template template = engine.getTemplate(id(kind, language));
        if (template == null) {
            throw new IllegalStateException("no template " + id(kind, language));
        }
        return split(template.data("p", params).render());
    }

    /** Several notices to one person as one message: their subjects, one per line. */
    public Rendered digest(Language language, List<Rendered> notices) {
        Template template = engine.getTemplate("notices/digest." + language.tag() + ".txt");
        if (template == null) {
            throw new IllegalStateException("no template notices/digest." + language.tag() + ".txt");
        }
        String items = String.join("\n", notices.stream().map(notice -> "· " + notice.subject()).toList());
        return split(template.data("p", Map.of("count", Integer.toString(notices.size()), "items", items)).render());
    }

    /** The first line is the subject, the rest the body. */
    private static Rendered split(String rendered) {
        String text = rendered.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? new Rendered(text, "")
                : new Rendered(text.substring(0, newline).strip(), text.substring(newline + 1).strip());
    }

    /** The language {@code employeeId} reads, else the company's. */
    public Language languageOf(String employeeId) {
        Person person = employeeId == null ? null : Person.findById(employeeId);
        return person == null ? defaultLanguage : Language.find(person.language).orElse(defaultLanguage);
    }

    static String id(NoticeKind kind, Language language) {
        return "notices/" + kind.name() + "." + language.tag() + ".txt";
    }
}
