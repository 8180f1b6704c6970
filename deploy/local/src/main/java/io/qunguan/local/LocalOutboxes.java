package io.qunguan.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.qunguan.testkit.FakePlatform;
import io.qunguan.testkit.Ports;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the local run's notices go, so a person sees them arrive: a local stand-in for the platforms' APIs (whose
 * inbox records every app message) and a local SMTP server (whose mailbox keeps every e-mail).
 */
public final class LocalOutboxes implements AutoCloseable {

    private final FakePlatform platforms;
    private final GreenMail mail;
    private final int smtpPort;

    private LocalOutboxes(FakePlatform platforms, GreenMail mail, int smtpPort) {
        this.platforms = platforms;
        this.mail = mail;
        this.smtpPort = smtpPort;
    }

    public static LocalOutboxes start() {
        int port = Ports.free();
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return new LocalOutboxes(FakePlatform.start(), mail, port);
    }

    /** The services' outbound hosts and the local WeCom app's credentials, and the SMTP server. */
    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        for (String api : new String[] {"wecom", "dingtalk", "dingtalk-api", "feishu", "slack", "onebot"}) {
            config.put("qunguan.platforms.outbound." + api + "-url", platforms.url(api).toString());
        }
        config.put("qunguan.platforms.wecom.corp-id", "ww-local-corp");
        config.put("qunguan.platforms.wecom.corp-secret", "local-app-secret");
        config.put("qunguan.platforms.wecom.agent-id", "1000002");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(smtpPort));
        // the demo shows its notices whenever it runs; in production those that are not urgent wait for working time
        config.put("qunguan.notifications.quiet-hours", "none");
        config.put("qunguan.notifications.working-days-only", "false");
        config.put("qunguan.notifications.group-quiet-hours", "false");
        // the BH-6 demonstration's notice runs out within seconds; replies still on their way get this long
        config.put("qunguan.notifications.acknowledgement-grace", "15s");
        return config;
    }

    /**
     * Prints what reached people once at least {@code expected} deliveries arrived and no more came for two seconds,
     * or {@code within} passed.
     */
    void showDelivered(int expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = messages().size() + mail.getReceivedMessages().length;
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (now >= expected && System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) {
                break;
            }
            Thread.sleep(300);
        }
        List<FakePlatform.Seen> messages = messages();
        MimeMessage[] emails = mail.getReceivedMessages();
        System.out.println("[qunguan] Notices delivered: " + messages.size() + " WeCom app messages (the local "
                + "platform's inbox, " + platforms.url("wecom") + "), " + emails.length + " e-mails (SMTP 127.0.0.1:"
                + smtpPort + ")");
        for (FakePlatform.Seen message : messages) {
            String text = message.json().path("text").path("content").asText();
            System.out.printf("  IM    to %-9s %s%n", message.json().path("touser").asText(), text.lines().findFirst()
                    .orElse(""));
        }
        for (MimeMessage email : emails) {
            try {
                System.out.printf("  EMAIL to %-22s %s%n", email.getAllRecipients()[0], email.getSubject());
            } catch (MessagingException e) {
                System.out.println("  EMAIL (unreadable: " + e.getMessage() + ")");
            }
        }
    }

    private List<FakePlatform.Seen> messages() {
        return platforms.seen("/wecom/cgi-bin/message/send");
    }

    @Override
    public void close() {
        mail.stop();
        platforms.close();
    }
}
