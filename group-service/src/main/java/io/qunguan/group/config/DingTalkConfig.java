package io.qunguan.group.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * DingTalk (钉钉) apps: the HTTP event subscription (事件订阅, WXBizMsgCrypt scheme) and the internal robot's
 * message callback (企业内部机器人, HTTP receive mode). An app may use either or both.
 */
@ConfigMapping(prefix = "qunguan.platforms.dingtalk")
public interface DingTalkConfig {

    /**
     * Apps by name. {@code qunguan.platforms.dingtalk.token} belongs to the app {@code default}, at
     * {@code /webhooks/dingtalk} and {@code /webhooks/dingtalk/robot}; {@code qunguan.platforms.dingtalk.<app>.*}
     * to {@code /webhooks/dingtalk/<app>} and {@code /webhooks/dingtalk/<app>/robot}.
     */
    @WithParentName
    @WithUnnamedKey(PlatformApps.DEFAULT)
    Map<String, App> apps();

    /** One DingTalk app. */
    interface App {

        /** The event subscription's 签名 token. */
        Optional<String> token();

        /** The event subscription's 加密 aes_key (43 characters). */
        Optional<String> aesKey();

        /**
         * The receiver id every decrypted event must name: the corpId for an internal app's 注册回调, the appKey
         * for an internal app's 事件订阅, the suiteKey for a third-party app.
         */
        Optional<String> ownerKey();

        /** The token being rotated out; defaults to the current one when only the key changes. */
        Optional<String> previousToken();

        /** The aes_key being rotated out, accepted too until removed. */
        Optional<String> previousAesKey();

        /** How far an event's {@code timestamp} (milliseconds) may be from now, either way. */
        @WithDefault("300s")
        Duration replayWindow();

        /** The robot's AppSecret, which keys the {@code sign} header of its message callbacks. */
        Optional<String> robotAppSecret();

        /** The AppSecret being rotated out, accepted too until removed. */
        Optional<String> previousRobotAppSecret();

        /** The company's corpId: a robot callback naming another {@code chatbotCorpId} is refused. */
        Optional<String> corpId();

        /** The internal app's AppKey and AppSecret: admin actions fetch their access token with them. */
        Optional<String> appKey();

        Optional<String> appSecret();

        /** The robot's robotCode: app messages to a group are posted as this robot. */
        Optional<String> robotCode();

        /** The app's AgentId: notification-service sends work notifications as this app (one Secret serves both). */
        Optional<String> agentId();

        /**
         * How far a robot callback's {@code timestamp} may be from now. DingTalk allows an hour; its {@code sign}
         * does not cover the body, so a captured one could carry another body for as long as it is accepted, and
         * Qunguan keeps the window at five minutes.
         */
        @WithDefault("300s")
        Duration robotReplayWindow();
    }
}
