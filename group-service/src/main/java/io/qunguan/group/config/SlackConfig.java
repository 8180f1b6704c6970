package io.qunguan.group.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Slack apps subscribed to the Events API. */
@ConfigMapping(prefix = "qunguan.platforms.slack")
public interface SlackConfig {

    /**
     * Apps by name. {@code qunguan.platforms.slack.signing-secret} belongs to the app {@code default}, at
     * {@code /webhooks/slack}; {@code qunguan.platforms.slack.<app>.signing-secret} to {@code /webhooks/slack/<app>}.
     */
    @WithParentName
    @WithUnnamedKey(PlatformApps.DEFAULT)
    Map<String, App> apps();

    /** One Slack app. */
    interface App {

        /** The app's Signing Secret (Basic Information page). */
        Optional<String> signingSecret();

        /** The Signing Secret being rotated out, accepted too until removed. */
        Optional<String> previousSigningSecret();

        /** The workspace the app is installed in; an event naming another {@code team_id} is refused. */
        Optional<String> teamId();

        /** The bot token ({@code xoxb-…}) for {@code chat.postMessage} and the {@code conversations.*} admin calls. */
        Optional<String> botToken();

        /** How old (or how far ahead) {@code X-Slack-Request-Timestamp} may be; Slack asks for five minutes. */
        @WithDefault("300s")
        Duration replayWindow();
    }
}
