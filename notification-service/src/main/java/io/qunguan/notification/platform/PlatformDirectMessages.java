package io.qunguan.notification.platform;

import io.qunguan.events.Platform;
import io.qunguan.notification.config.PlatformConfig;
import io.qunguan.notification.domain.notices.DirectMessages;
import io.qunguan.notification.domain.notices.SendLimit;
import io.qunguan.notification.domain.notices.SendResult;
import io.qunguan.platforms.outbound.ActionOutcome;
import io.qunguan.platforms.outbound.AppCredentials;
import io.qunguan.platforms.outbound.DirectMessage;
import io.qunguan.platforms.outbound.DirectMessenger;
import io.qunguan.platforms.outbound.PlatformAppClient;
import io.qunguan.platforms.outbound.PlatformHosts;
import io.qunguan.platforms.outbound.SendWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
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
    public PlatformDirectMessages(PlatformConfig config) {
        this(new DirectMessenger(new PlatformAppClient(hosts(config.outbound()), credentials(config),
                config.outbound().timeout(), Clock.systemUTC())));
    }

    PlatformDirectMessages(DirectMessenger messenger) {
        this.messenger = messenger;
    }

    @Override
    public SendResult send(Platform platform, String userId, String text, String key) {
        ActionOutcome outcome = messenger.send(new DirectMessage(platform, userId, text, false, key));
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

    private static PlatformHosts hosts(PlatformConfig.Outbound outbound) {
        return new PlatformHosts(outbound.wecomUrl(), outbound.dingtalkUrl(), outbound.dingtalkApiUrl(),
                outbound.feishuUrl(), outbound.slackUrl(), outbound.onebotUrl().orElse(null));
    }

    private static AppCredentials credentials(PlatformConfig config) {
        return new AppCredentials(config.wecom().corpId().orElse(null), config.wecom().corpSecret().orElse(null),
                config.wecom().agentId().orElse(null), config.dingtalk().appKey().orElse(null),
                config.dingtalk().appSecret().orElse(null), null, config.dingtalk().agentId().orElse(null),
                config.feishu().appId().orElse(null), config.feishu().appSecret().orElse(null),
                config.slack().botToken().orElse(null), config.onebot().apiToken().orElse(null));
    }
}
