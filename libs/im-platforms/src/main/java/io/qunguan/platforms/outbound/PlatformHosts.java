package io.qunguan.platforms.outbound;

import io.qunguan.events.Platform;
import java.net.URI;
import java.util.Optional;

/**
 * The base URL of each platform's API: the only hosts the outbound clients ever call (the allow-list against
 * SSRF). Tests point them at a local fake platform.
 *
 * @param dingtalkApi DingTalk's newer OpenAPI host (robot group messages, scene-group muting); tokens come from
 *                    {@code dingtalk}
 * @param onebot      the OneBot bridge's HTTP API, or null: every bridge has its own and there is no default
 */
public record PlatformHosts(URI wecom, URI dingtalk, URI dingtalkApi, URI feishu, URI slack, URI onebot) {

    /** Every host on the same base URL, as a local fake platform serves them. */
    public static PlatformHosts allAt(URI base) {
        return new PlatformHosts(base, base, base, base, base, base);
    }

    /** The host a platform's robot and app calls go to; empty when none is configured. */
    public Optional<URI> of(Platform platform) {
        return Optional.ofNullable(switch (platform) {
            case WECOM -> wecom;
            case DINGTALK -> dingtalk;
            case FEISHU -> feishu;
            case SLACK -> slack;
            case ONEBOT -> onebot;
            case GENERIC -> null;
        });
    }

    /** DingTalk's newer OpenAPI host; empty when none is configured. */
    public Optional<URI> dingtalkOpenApi() {
        return Optional.ofNullable(dingtalkApi);
    }
}
