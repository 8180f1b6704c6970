package io.qunguan.platforms.feishu;

import io.qunguan.platforms.PlatformSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * One Feishu / Lark app subscribed to events by request URL (event subscription v2).
 *
 * @param verificationToken         every event's {@code header.token} must equal it
 * @param previousVerificationToken the token being rotated out, accepted too until removed
 * @param encryptKey                when set, every body must be encrypted and signed ({@code X-Lark-Signature});
 *                                  without it only the token authenticates
 * @param previousEncryptKey        the Encrypt Key being rotated out, accepted too until removed
 * @param appId                     the app's {@code app_id}; an event for another app is refused
 * @param replayWindow              how far {@code X-Lark-Request-Timestamp} may be from now
 */
public record FeishuApp(String verificationToken, Optional<String> previousVerificationToken,
        Optional<String> encryptKey, Optional<String> previousEncryptKey, Optional<String> appId,
        Duration replayWindow) {

    public FeishuApp {
        PlatformSettings.required(verificationToken, "verification-token");
        PlatformSettings.replayWindow(replayWindow);
    }
}
