package io.qunguan.platforms.onebot;

import io.qunguan.platforms.PlatformSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * One OneBot bridge (one bot account) reporting events by HTTP POST.
 *
 * @param secret              the v11 {@code secret}: every report must carry {@code X-Signature: sha1=<HMAC-SHA1>};
 *                            when set, a report without a valid signature is refused even with a bearer token
 * @param previousSecret      the secret being rotated out, accepted too until removed
 * @param accessToken         the v12 {@code access_token} sent as a bearer token; it does not cover the body
 * @param previousAccessToken the access token being rotated out, accepted too until removed
 * @param selfId              the bot account; a report naming another {@code self_id} is refused
 * @param replayWindow        how far a report's own {@code time} may be from now
 */
public record OneBotBridge(Optional<String> secret, Optional<String> previousSecret, Optional<String> accessToken,
        Optional<String> previousAccessToken, Optional<String> selfId, Duration replayWindow) {

    public OneBotBridge {
        if (secret.isEmpty() && accessToken.isEmpty()) {
            throw new IllegalArgumentException("a OneBot bridge needs a secret or an access-token");
        }
        PlatformSettings.replayWindow(replayWindow);
    }
}
