package io.qunguan.group.platform;

import io.qunguan.group.config.GenericPlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies {@code X-Qunguan-Signature: v1=<hex HMAC-SHA256(secret, "v1:" + timestamp + ":" + raw body)>}
 * over the raw bytes, in constant time, against the current and the previous secret, and refuses a
 * timestamp outside the replay window.
 */
@ApplicationScoped
public class GenericSignatureVerifier {

    private final List<byte[]> secrets = new ArrayList<>();
    private final long windowSeconds;
    private final Clock clock;

    @Inject
    public GenericSignatureVerifier(GenericPlatformConfig config) {
        this(config, Clock.systemUTC());
    }

    GenericSignatureVerifier(GenericPlatformConfig config, Clock clock) {
        secrets.add(config.secret().getBytes(StandardCharsets.UTF_8));
        config.previousSecret().ifPresent(previous -> secrets.add(previous.getBytes(StandardCharsets.UTF_8)));
        this.windowSeconds = config.replayWindow().toSeconds();
        this.clock = clock;
    }

    /** @throws WebhookRejectedException 401 when the request is not signed by a known secret within the window */
    public void verify(String timestampHeader, String signatureHeader, byte[] body) {
        if (timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith("v1=")) {
            throw WebhookRejectedException.unauthorized();
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            throw WebhookRejectedException.unauthorized();
        }
        if (Math.abs(Instant.now(clock).getEpochSecond() - timestamp) > windowSeconds) {
            throw WebhookRejectedException.unauthorized();
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(signatureHeader.substring(3).trim());
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.unauthorized();
        }
        boolean matches = false;
        for (byte[] secret : secrets) {
            // every secret is tried so the time taken does not tell which one matched
            matches |= MessageDigest.isEqual(sign(secret, timestampHeader.trim(), body), presented);
        }
        if (!matches) {
            throw WebhookRejectedException.unauthorized();
        }
    }

    /** The signature bytes for {@code body} sent at {@code timestamp}. */
    public static byte[] sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v1:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
