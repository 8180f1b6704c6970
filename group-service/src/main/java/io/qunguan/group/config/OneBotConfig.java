package io.qunguan.group.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * OneBot bridges (go-cqhttp, NapCat, Lagrange… for QQ groups) reporting events by HTTP POST. A v11 bridge signs
 * the body with its {@code secret}; a v12 bridge sends its {@code access_token} as a bearer token.
 */
@ConfigMapping(prefix = "qunguan.platforms.onebot")
public interface OneBotConfig {

    /**
     * Bridges by name. {@code qunguan.platforms.onebot.secret} belongs to the bridge {@code default}, at
     * {@code /webhooks/onebot}; {@code qunguan.platforms.onebot.<bridge>.*} to {@code /webhooks/onebot/<bridge>}.
     */
    @WithParentName
    @WithUnnamedKey(PlatformApps.DEFAULT)
    Map<String, Bridge> bridges();

    /** One OneBot bridge: one bot account. */
    interface Bridge {

        /**
         * The v11 {@code secret}: every report must carry {@code X-Signature: sha1=<HMAC-SHA1 of the body>}. When
         * set, a report without a valid signature is refused even if it carries a bearer token.
         */
        Optional<String> secret();

        /** The secret being rotated out, accepted too until removed. */
        Optional<String> previousSecret();

        /**
         * The v12 {@code access_token}, sent as {@code Authorization: Bearer}. It does not cover the body: prefer
         * {@link #secret()} where the bridge offers both.
         */
        Optional<String> accessToken();

        /** The access token being rotated out, accepted too until removed. */
        Optional<String> previousAccessToken();

        /** The bot account this bridge speaks for; a report naming another {@code self_id} is refused. */
        Optional<String> selfId();

        /** The bearer token of the bridge's HTTP API ({@code qunguan.platforms.outbound.onebot-url}), if it has one. */
        Optional<String> apiToken();

        /** How far a report's own {@code time} may be from now: the signed body's replay window. */
        @WithDefault("300s")
        Duration replayWindow();
    }
}
