package io.qunguan.platforms.generic;

import io.qunguan.platforms.PlatformSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The secrets bridges sign Qunguan's generic webhook with.
 *
 * @param secret         the HMAC secret
 * @param previousSecret the secret being rotated out, accepted too until removed
 * @param replayWindow   how far a request's timestamp may be from now, either way
 */
public record GenericSecrets(String secret, Optional<String> previousSecret, Duration replayWindow) {

    public GenericSecrets {
        PlatformSettings.required(secret, "secret");
        PlatformSettings.replayWindow(replayWindow);
    }
}
