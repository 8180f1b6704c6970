package io.qunguan.group.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Outbound calls to the platforms. These base URLs are the only hosts the admin client ever calls (the
 * allow-list against SSRF); tests point them at a local fake platform.
 */
@ConfigMapping(prefix = "qunguan.platforms.outbound")
public interface OutboundConfig {

    @WithDefault("https://qyapi.weixin.qq.com")
    URI wecomUrl();

    @WithDefault("https://oapi.dingtalk.com")
    URI dingtalkUrl();

    /** DingTalk's newer OpenAPI host (robot group messages, scene-group muting); tokens come from the older one. */
    @WithDefault("https://api.dingtalk.com")
    URI dingtalkApiUrl();

    @WithDefault("https://open.feishu.cn")
    URI feishuUrl();

    @WithDefault("https://slack.com")
    URI slackUrl();

    /** The OneBot bridge's HTTP API (e.g. {@code http://127.0.0.1:5700}); no default, every bridge has its own. */
    Optional<URI> onebotUrl();

    /** Connect and response timeout of one call. */
    @WithDefault("5s")
    Duration timeout();
}
