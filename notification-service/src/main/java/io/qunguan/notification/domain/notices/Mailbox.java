package io.qunguan.notification.domain.notices;

/** E-mail to one person: the domain's port to the company's SMTP server. */
public interface Mailbox {

    /** One attempt. SMTP has no idempotency key: a lost answer is {@code UNCERTAIN}. */
    SendResult send(String address, String subject, String body);
}
