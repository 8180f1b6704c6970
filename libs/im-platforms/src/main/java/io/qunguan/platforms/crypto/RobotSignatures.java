package io.qunguan.platforms.crypto;

import io.qunguan.platforms.crypto.HmacSignatures;
import java.util.Base64;

/**
 * The signatures custom robots must carry when 加签 is switched on. The two platforms swap key and data:
 * DingTalk keys the HMAC with the secret over {@code timestamp + "\n" + secret}; Feishu keys it with
 * {@code timestamp + "\n" + secret} over nothing.
 */
public final class RobotSignatures {

    private RobotSignatures() {
    }

    /** DingTalk custom robot: {@code timestamp} in milliseconds; the caller URL-encodes the result. */
    public static String dingTalk(String secret, long timestampMillis) {
        return Base64.getEncoder().encodeToString(HmacSignatures.hmac("HmacSHA256", HmacSignatures.utf8(secret),
                HmacSignatures.utf8(timestampMillis + "\n" + secret)));
    }

    /** Feishu / Lark custom bot: {@code timestamp} in seconds, sent in the JSON body beside the sign. */
    public static String feishu(String secret, long timestampSeconds) {
        return Base64.getEncoder().encodeToString(HmacSignatures.hmac("HmacSHA256",
                HmacSignatures.utf8(timestampSeconds + "\n" + secret)));
    }
}
