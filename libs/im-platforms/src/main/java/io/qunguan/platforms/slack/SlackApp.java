package io.qunguan.platforms.slack;

import io.qunguan.platforms.PlatformSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * One Slack app subscribed to the Events API.
 *
 * @param signingSecret         the app's Signing Secret
 * @param previousSigningSecret the Signing Secret being rotated out, accepted too until removed
 * @param teamId                the workspace the app is installed in; an event naming another {@code team_id} is refused
 * @param replayWindow          how old (or how far ahead) {@code X-Slack-Request-Timestamp} may be
 */
public record SlackApp(String signingSecret, Optional<String> previousSigningSecret, Optional<String> teamId,
        Duration replayWindow) {

    public SlackApp {
        PlatformSettings.required(signingSecret, "signing-secret");
        PlatformSettings.replayWindow(replayWindow);
    }
}
