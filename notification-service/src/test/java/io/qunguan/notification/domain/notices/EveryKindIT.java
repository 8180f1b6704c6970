package io.qunguan.notification.domain.notices;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.Language;
import io.qunguan.events.PersonnelChanged.Change;
import io.qunguan.notification.domain.directory.DirectoryReplica;
import io.qunguan.notification.mail.MailServerResource;
import io.qunguan.testkit.FakePlatformResource;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every kind of notice to a person is delivered on a real channel in each of the three languages: a message from
 * Qunguan's app on the fake WeCom over HTTP, its first line the kind's subject in the reader's language. (Notices to a
 * chat are posted there: {@code AcknowledgementsIT}.)
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(FakePlatformResource.class)
@WithTestResource(MailServerResource.class)
class EveryKindIT {

    @Inject
    Notices notices;
    @Inject
    NoticeTemplates templates;
    @Inject
    DirectoryReplica directory;

    @Test
    void everyKindReachesAPersonInEachLanguage() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        List<NoticeKind> kinds = Arrays.stream(NoticeKind.values()).filter(kind -> !kind.toChat()).toList();
        try (KafkaProbe probe = KafkaResource.probe()) {
            for (Language language : Language.values()) {
                probe.publish(EventEnvelope.fresh("/test", new EmployeeChanged("EK-" + language.tag() + "-" + s,
                        Change.HIRED, "测试", "D-" + s, null, null, "staff", null, false, true,
                        Map.of("wecom", user(language, s)), null, language, OffsetDateTime.now(ZoneOffset.UTC))));
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(Language.values()).allMatch(
                language -> QuarkusTransaction.requiringNew().call(() -> directory.employeeOf("wecom",
                        user(language, s)).isPresent())));
        for (Language language : Language.values()) {
            for (NoticeKind kind : kinds) {
                Map<String, String> params = new LinkedHashMap<>();
                kind.params().forEach(name -> params.put(name, name + "-" + s));
                QuarkusTransaction.requiringNew().run(() -> notices.owe(
                        Notices.Recipient.employee("EK-" + language.tag() + "-" + s), "g-" + s, kind,
                        UUID.randomUUID(), params, true));
            }
        }
        for (Language language : Language.values()) {
            for (NoticeKind kind : kinds) {
                Map<String, String> params = new LinkedHashMap<>();
                kind.params().forEach(name -> params.put(name, name + "-" + s));
                String subject = templates.render(kind, language, params).subject();
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> FakePlatformResource.platform()
                        .seen("/wecom/cgi-bin/message/send").stream().anyMatch(seen -> seen.json().path("touser")
                                .asText().equals(user(language, s)) && seen.json().path("text").path("content")
                                .asText().startsWith(subject + "\n")));
                assertTrue(!subject.isBlank(), kind + " " + language);
            }
        }
    }

    private static String user(Language language, String run) {
        return "ek-" + language.tag() + "-" + run;
    }
}
