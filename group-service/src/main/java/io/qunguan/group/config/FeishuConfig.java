package io.qunguan.group.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Feishu / Lark apps subscribed to events by request URL (event subscription v2). */
@ConfigMapping(prefix = "qunguan.platforms.feishu")
public interface FeishuConfig {

    /**
     * Apps by name. {@code qunguan.platforms.feishu.verification-token} belongs to the app {@code default}, at
     * {@code /webhooks/feishu}; {@code qunguan.platforms.feishu.<app>.*} to {@code /webhooks/feishu/<app>}.
     */
    @WithParentName
    @WithUnnamedKey(PlatformApps.DEFAULT)
    Map<String, App> apps();

    /** One Feishu app. */
    interface App {

        /** The Verification Token: every event's {@code header.token} must equal it. */
        Optional<String> verificationToken();

        /** The Verification Token being rotated out, accepted too until removed. */
        Optional<String> previousVerificationToken();

        /**
         * The Encrypt Key: Feishu encrypts every body and signs it ({@code X-Lark-Signature}); Qunguan refuses
         * unencrypted or unsigned events. Required unless {@link #acceptUnencrypted()}.
         */
        Optional<String> encryptKey();

        /** Runs an app without an Encrypt Key, authenticated by the Verification Token alone. */
        @WithDefault("false")
        boolean acceptUnencrypted();

        /** The Encrypt Key being rotated out, accepted too until removed. */
        Optional<String> previousEncryptKey();

        /** The app's {@code app_id}; an event for another app is refused. */
        Optional<String> appId();

        /** The app's App Secret: admin actions and app messages fetch their tenant_access_token with it. */
        Optional<String> appSecret();

        /** How far {@code X-Lark-Request-Timestamp} may be from now; Feishu documents no window, five minutes is Qunguan's. */
        @WithDefault("300s")
        Duration replayWindow();
    }
}
