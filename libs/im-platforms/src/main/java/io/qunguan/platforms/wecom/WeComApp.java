package io.qunguan.platforms.wecom;

import io.qunguan.platforms.PlatformSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * One WeCom self-built app in callback mode (接收消息).
 *
 * @param corpId                 the CorpID every decrypted message must name
 * @param token                  the callback Token
 * @param encodingAesKey         the callback EncodingAESKey (43 characters)
 * @param previousToken          the Token being rotated out; the current one when only the key changes
 * @param previousEncodingAesKey the EncodingAESKey being rotated out, accepted too until removed
 * @param replayWindow           how far a request's timestamp may be from now, either way
 */
public record WeComApp(String corpId, String token, String encodingAesKey, Optional<String> previousToken,
        Optional<String> previousEncodingAesKey, Duration replayWindow) {

    public WeComApp {
        PlatformSettings.required(corpId, "corp-id");
        PlatformSettings.required(token, "token");
        PlatformSettings.required(encodingAesKey, "encoding-aes-key");
        PlatformSettings.replayWindow(replayWindow);
    }
}
