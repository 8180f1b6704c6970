package io.qunguan.platforms.generic;

import io.qunguan.platforms.WebhookRejectedException;
import io.qunguan.platforms.WebhookTimestamps;
import io.qunguan.platforms.crypto.HmacSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies {@code X-Qunguan-Signature: v1=<hex HMAC-SHA256(secret, "v1:" + timestamp + ":" + raw body)>}
 * over the raw bytes, in constant time, against the current and the previous secret, and refuses a
 * timestamp outside the replay window.
 */
public class GenericSignatureVerifier {

    private final List<byte[]> secrets = new ArrayList<>();
    private final Duration window;
    private final Clock clock;

    public GenericSignatureVerifier(GenericSecrets config, Clock clock) {
        secrets.add(config.secret().getBytes(StandardCharsets.UTF_8));
        config.previousSecret().ifPresent(previous -> secrets.add(previous.getBytes(StandardCharsets.UTF_8)));
        this.window = config.replayWindow();
        this.clock = clock;
    }

    /** @throws WebhookRejectedException 401 when the request is not signed by a known secret within the window */
    public void verify(String timestampHeader, String signatureHeader, byte[] body) {
        WebhookTimestamps.requireWithin(timestampHeader, window, clock);
        if (signatureHeader == null || !signatureHeader.startsWith("v1=")
                || !HmacSignatures.hexMatchesAny(signatureHeader.substring(3), "HmacSHA256", secrets,
                        HmacSignatures.utf8("v1:" + timestampHeader.trim() + ":"), body)) {
            throw WebhookRejectedException.unauthorized();
        }
    }

    /** The signature bytes for {@code body} sent at {@code timestamp}. */
    public static byte[] sign(byte[] secret, String timestamp, byte[] body) {
        return HmacSignatures.hmac("HmacSHA256", secret, HmacSignatures.utf8("v1:" + timestamp + ":"), body);
    }
}
