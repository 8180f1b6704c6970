package io.qunguan.notification.platform;

import io.qunguan.notification.config.PlatformConfig;
import io.qunguan.platforms.outbound.AppCredentials;
import io.qunguan.platforms.outbound.PlatformAppClient;
import io.qunguan.platforms.outbound.PlatformHosts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one app client of the platform library, shared by direct messages and chat posts (and so their tokens). */
@ApplicationScoped
public class PlatformClients {

    @Produces
    @Singleton
    PlatformAppClient appClient(PlatformConfig config) {
        return newAppClient(config);
    }

    /** A client of its own, with its own token cache: as another instance of the service would have. */
    public static PlatformAppClient newAppClient(PlatformConfig config) {
        return new PlatformAppClient(hosts(config.outbound()), credentials(config), config.outbound().timeout(),
                Clock.systemUTC());
    }

    private static PlatformHosts hosts(PlatformConfig.Outbound outbound) {
        return new PlatformHosts(outbound.wecomUrl(), outbound.dingtalkUrl(), outbound.dingtalkApiUrl(),
                outbound.feishuUrl(), outbound.slackUrl(), outbound.onebotUrl().orElse(null));
    }

    private static AppCredentials credentials(PlatformConfig config) {
        return new AppCredentials(config.wecom().corpId().orElse(null), config.wecom().corpSecret().orElse(null),
                config.wecom().agentId().orElse(null), config.dingtalk().appKey().orElse(null),
                config.dingtalk().appSecret().orElse(null), config.dingtalk().robotCode().orElse(null),
                config.dingtalk().agentId().orElse(null), config.feishu().appId().orElse(null),
                config.feishu().appSecret().orElse(null), config.slack().botToken().orElse(null),
                config.onebot().apiToken().orElse(null));
    }
}
