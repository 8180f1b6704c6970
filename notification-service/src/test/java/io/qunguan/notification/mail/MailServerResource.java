package io.qunguan.notification.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.qunguan.testkit.Ports;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;

/** Quarkus test resource: a real SMTP server (GreenMail) the service's mailer sends to. */
public class MailServerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail server;

    /** Every message the server received so far. */
    public static List<MimeMessage> received() {
        return List.of(server.getReceivedMessages());
    }

    @Override
    public Map<String, String> start() {
        int port = Ports.free();
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port),
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
