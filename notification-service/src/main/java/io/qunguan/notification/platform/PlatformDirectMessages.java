package io.qunguan.notification.platform;

import io.qunguan.events.Platform;
import io.qunguan.notification.domain.notices.DirectMessages;
import io.qunguan.notification.domain.notices.SendLimit;
import io.qunguan.notification.domain.notices.SendResult;
import io.qunguan.platforms.outbound.ActionOutcome;
import io.qunguan.platforms.outbound.DirectMessage;
import io.qunguan.platforms.outbound.DirectMessenger;
import io.qunguan.platforms.outbound.PlatformAppClient;
import io.qunguan.platforms.outbound.SendWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Messages to one person, sent with the platform library's app client. */
@ApplicationScoped
public class PlatformDirectMessages implements DirectMessages {

    /**
     * DingTalk's documented daily quota of work notifications per employee (not verified against a tenant): too long
     * a window to keep in memory, so the shared send limits keep it.
     */
    static final SendLimit DINGTALK_DAILY = new SendLimit(500, Duration.ofDays(1));

    private final DirectMessenger messenger;
    private final SendWindows published = SendWindows.directMessages();

    @Inject
    public PlatformDirectMessages(PlatformAppClient client) {
        this(new DirectMessenger(client));
    }

    PlatformDirectMessages(DirectMessenger messenger) {
        this.messenger = messenger;
    }

    @Override
    public SendResult send(Platform platform, String userId, String text, String key) {
        return result(messenger.send(new DirectMessage(platform, userId, text, false, key)));
    }

    /** What the platform library's outcome means for a delivery. */
    static SendResult result(ActionOutcome outcome) {
        SendResult.Status status = switch (outcome.status()) {
            case DONE -> SendResult.Status.SENT;
            case NOT_OFFERED -> SendResult.Status.NOT_OFFERED;
            case REFUSED -> SendResult.Status.REFUSED;
            case UNAVAILABLE -> SendResult.Status.UNAVAILABLE;
            case UNCERTAIN -> SendResult.Status.UNCERTAIN;
        };
        return new SendResult(status, outcome.detail(), outcome.retryAfter());
    }

    @Override
    public boolean repeatable(Platform platform) {
        return DirectMessenger.dropsRepeats(platform);
    }

    @Override
    public List<SendLimit> limits(Platform platform) {
        List<SendLimit> limits = new ArrayList<>();
        published.limits(platform).forEach(window -> limits.add(new SendLimit(window.limit(), window.length())));
        if (platform == Platform.DINGTALK) {
            limits.add(DINGTALK_DAILY);
        }
        return limits;
    }

}
