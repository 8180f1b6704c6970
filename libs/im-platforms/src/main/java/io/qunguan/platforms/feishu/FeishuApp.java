package io.qunguan.platforms.feishu;

import io.qunguan.platforms.PlatformSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * One Feishu / Lark app subscribed to events by request URL (event subscription v2).
 *
 * @param verificationToken         every event's {@code header.token} must equal it
 * @param previousVerificationToken the token being rotated out, accepted too until removed
 * @param encryptKey                every body must be encrypted and signed with it ({@code X-Lark-Signature});
 *                                  required unless {@code acceptUnencrypted}
 * @param previousEncryptKey        the Encrypt Key being rotated out, accepted too until removed
 * @param appId                     the app's {@code app_id}; an event for another app is refused
 * @param replayWindow              how far {@code X-Lark-Request-Timestamp} may be from now
 * @param acceptUnencrypted         an app without an Encrypt Key, authenticated by the token alone: every event
 *                                  it sends can be forged by whoever saw one, so it is chosen explicitly
 */
public record FeishuApp(String verificationToken, Optional<String> previousVerificationToken,
        Optional<String> encryptKey, Optional<String> previousEncryptKey, Optional<String> appId,
        Duration replayWindow, boolean acceptUnencrypted) {

    public FeishuApp {
        PlatformSettings.required(verificationToken, "verification-token");
        PlatformSettings.replayWindow(replayWindow);
        if (encryptKey.isEmpty() && !acceptUnencrypted) {
            throw new IllegalArgumentException("encrypt-key is required: without it only the Verification Token "
                    + "authenticates events (set accept-unencrypted=true to run so anyway)");
        }
    }
}
