package io.qunguan.group.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** WeCom (企业微信) self-built apps in callback mode: the 接收消息 settings of each app. */
@ConfigMapping(prefix = "qunguan.platforms.wecom")
public interface WeComConfig {

    /**
     * Apps by name. {@code qunguan.platforms.wecom.token} belongs to the app {@code default}, called back at
     * {@code /webhooks/wecom}; {@code qunguan.platforms.wecom.<app>.token} to {@code /webhooks/wecom/<app>}.
     * The keys are optional so that an unconfigured platform is simply absent; an app that sets some of them
     * must set all three.
     */
    @WithParentName
    @WithUnnamedKey(PlatformApps.DEFAULT)
    Map<String, App> apps();

    /** One WeCom app. */
    interface App {

        /** The CorpID: the receiver id every decrypted message must name. */
        Optional<String> corpId();

        /** The callback Token. */
        Optional<String> token();

        /** The callback EncodingAESKey (43 characters). */
        Optional<String> encodingAesKey();

        /** The Token being rotated out; defaults to the current one when only the key changes. */
        Optional<String> previousToken();

        /** The EncodingAESKey being rotated out, accepted too until removed. */
        Optional<String> previousEncodingAesKey();

        /** The app's Secret (corpsecret): admin actions and app messages fetch their access token with it. */
        Optional<String> corpSecret();

        /** The app's AgentId: notification-service sends messages to people as this app (one Secret serves both). */
        Optional<String> agentId();

        /** How far the request's timestamp may be from now, either way. */
        @WithDefault("300s")
        Duration replayWindow();
    }
}
