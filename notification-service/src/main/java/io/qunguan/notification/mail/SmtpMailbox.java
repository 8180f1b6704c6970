package io.qunguan.notification.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.qunguan.notification.domain.notices.Mailbox;
import io.qunguan.notification.domain.notices.SendResult;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;

/** E-mail over the company's SMTP server (quarkus-mailer). */
@ApplicationScoped
public class SmtpMailbox implements Mailbox {

    private final Mailer mailer;

    public SmtpMailbox(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public SendResult send(String address, String subject, String body) {
        try {
            mailer.send(Mail.withText(address, subject, body));
            return SendResult.sent();
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    /** A refusal (5xx) goes to the next channel, a temporary failure (4xx) or no server is retried. */
    static SendResult classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                String detail = "SMTP " + smtp.getReplyCode() + " " + smtp.getMessage();
                return smtp.isPermanent() ? new SendResult(SendResult.Status.REFUSED, detail, null)
                        : new SendResult(SendResult.Status.UNAVAILABLE, detail, null);
            }
            if (cause instanceof ConnectException) {
                return new SendResult(SendResult.Status.UNAVAILABLE, "no SMTP server: " + cause.getMessage(), null);
            }
        }
        // the message may have been handed over before the failure: not sent again
        return new SendResult(SendResult.Status.UNCERTAIN, failure.toString(), null);
    }
}
