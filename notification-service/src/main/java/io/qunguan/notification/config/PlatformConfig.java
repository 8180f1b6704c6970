package io.qunguan.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The platform apps notices are sent as: the same keys as group-service's default apps, plus each app's agent id,
 * so one Secret can serve both services.
 */
@ConfigMapping(prefix = "qunguan.platforms")
public interface PlatformConfig {

    WeCom wecom();

    DingTalk dingtalk();

    Feishu feishu();

    Slack slack();

    OneBot onebot();

    Outbound outbound();

    /** WeCom's self-built app. */
    interface WeCom {
        Optional<String> corpId();

        /** The app's Secret (corpsecret). */
        Optional<String> corpSecret();

        /** The app's AgentId: messages to a person are sent as this app. */
        Optional<String> agentId();
    }

    /** DingTalk's internal app. */
    interface DingTalk {
        Optional<String> appKey();

        Optional<String> appSecret();

        /** The app's AgentId: work notifications are sent as this app. */
        Optional<String> agentId();

        /** The app robot's robotCode: posts in a group's chat are made as this robot. */
        Optional<String> robotCode();
    }

    /** Feishu's app. */
    interface Feishu {
        Optional<String> appId();

        Optional<String> appSecret();
    }

    /** Slack's app. */
    interface Slack {
        /** The bot token ({@code xoxb-…}), scope {@code chat:write}. */
        Optional<String> botToken();
    }

    /** The OneBot bridge. */
    interface OneBot {
        /** The bearer token of the bridge's HTTP API, if it has one. */
        Optional<String> apiToken();
    }

    /** The only hosts called; tests point them at a local fake platform. */
    interface Outbound {
        @WithDefault("https://qyapi.weixin.qq.com")
        URI wecomUrl();

        @WithDefault("https://oapi.dingtalk.com")
        URI dingtalkUrl();

        @WithDefault("https://api.dingtalk.com")
        URI dingtalkApiUrl();

        @WithDefault("https://open.feishu.cn")
        URI feishuUrl();

        @WithDefault("https://slack.com")
        URI slackUrl();

        /** The OneBot bridge's HTTP API; no default, every bridge has its own. */
        Optional<URI> onebotUrl();

        /** Connect and response timeout of one call. */
        @WithDefault("5s")
        Duration timeout();
    }
}
