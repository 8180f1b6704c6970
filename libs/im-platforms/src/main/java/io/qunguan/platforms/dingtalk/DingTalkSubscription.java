package io.qunguan.platforms.dingtalk;

import io.qunguan.platforms.PlatformSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * One DingTalk HTTP event subscription (事件订阅, the WXBizMsgCrypt scheme).
 *
 * @param token          the 签名 token
 * @param aesKey         the 加密 aes_key (43 characters)
 * @param ownerKey       the receiver id every decrypted event must name: the corpId (注册回调), the appKey (an internal
 *                       app's 事件订阅) or the suiteKey (a third-party app)
 * @param previousToken  the token being rotated out; the current one when only the key changes
 * @param previousAesKey the aes_key being rotated out, accepted too until removed
 * @param replayWindow   how far an event's {@code timestamp} (milliseconds) may be from now, either way
 */
public record DingTalkSubscription(String token, String aesKey, String ownerKey, Optional<String> previousToken,
        Optional<String> previousAesKey, Duration replayWindow) {

    public DingTalkSubscription {
        PlatformSettings.required(token, "token");
        PlatformSettings.required(aesKey, "aes-key");
        PlatformSettings.required(ownerKey, "owner-key");
        PlatformSettings.replayWindow(replayWindow);
    }
}
